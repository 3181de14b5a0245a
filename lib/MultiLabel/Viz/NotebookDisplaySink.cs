namespace MultiLabel.Viz;

/// <summary>
/// A display sink that hands HTML to a notebook kernel through two delegates, so the library itself never references
/// the kernel: notebooks/setup.csx creates one with the kernel's publish calls and passes it to
/// <see cref="Display.Use"/>. On <see cref="Connect"/> it shows plotly.js once (a script element, never updated
/// afterwards), so every chart of the kernel session can draw offline.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public sealed class NotebookDisplaySink : IDisplaySink
{
    private readonly Action<string, string> show;
    private readonly Action<string, string> update;
    private int plotlyShown;

    /// <summary>Creates the sink.</summary>
    /// <param name="show">Publishes new HTML under a display id: (id, html).</param>
    /// <param name="update">Replaces the HTML shown under a display id: (id, html).</param>
    public NotebookDisplaySink(Action<string, string> show, Action<string, string> update)
    {
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(update);
        this.show = show;
        this.update = update;
    }

    /// <summary>True once plotly.js has been shown in this kernel session.</summary>
    public bool PlotlyShown => Volatile.Read(ref plotlyShown) == 1;

    /// <summary>Shows plotly.js (once) and makes this sink the current one.</summary>
    public void Connect()
    {
        EnsurePlotly();
        Display.Use(this);
    }

    /// <inheritdoc />
    public void Show(string displayId, DisplayContent content)
    {
        ArgumentNullException.ThrowIfNull(displayId);
        ArgumentNullException.ThrowIfNull(content);
        if (content.NeedsPlotly)
        {
            EnsurePlotly();
        }

        show(displayId, content.Html);
    }

    /// <inheritdoc />
    public void Update(string displayId, DisplayContent content)
    {
        ArgumentNullException.ThrowIfNull(displayId);
        ArgumentNullException.ThrowIfNull(content);
        update(displayId, content.Html);
    }

    private void EnsurePlotly()
    {
        if (Interlocked.Exchange(ref plotlyShown, 1) == 0)
        {
            show(Display.NewId(), PlotlyJs.ScriptElement());
        }
    }
}
