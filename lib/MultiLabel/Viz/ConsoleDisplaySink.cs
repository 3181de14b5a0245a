using System.Collections.Concurrent;
using System.Globalization;

namespace MultiLabel.Viz;

/// <summary>
/// The display sink used when no notebook host is connected (a console program, a file-based app, a test): prints
/// each value's text form and saves charts and image grids as self-contained HTML pages (plotly.js inlined, so they
/// open offline), printing the path. An update rewrites the same page and prints the new text.
/// </summary>
public sealed class ConsoleDisplaySink : IDisplaySink
{
    /// <summary>Environment variable that overrides the folder pages are saved in.</summary>
    public const string DirectoryVariable = "MLC_DISPLAY_DIR";

    private readonly TextWriter? writer;
    private readonly ConcurrentDictionary<string, string> pages = new(StringComparer.Ordinal);
    private int pageCount;

    /// <summary>Creates a sink.</summary>
    /// <param name="writer">Where text goes; null: <see cref="Console.Out"/> at the time of each call.</param>
    /// <param name="outputDirectory">Where pages are saved; null: <c>MLC_DISPLAY_DIR</c> or <c>mlc-output</c> in the current folder.</param>
    public ConsoleDisplaySink(TextWriter? writer = null, string? outputDirectory = null)
    {
        this.writer = writer;
        OutputDirectory = outputDirectory;
    }

    /// <summary>The folder pages are saved in (resolved when the first page is saved if not given).</summary>
    public string? OutputDirectory { get; private set; }

    /// <summary>The pages saved so far, by display id.</summary>
    public IReadOnlyDictionary<string, string> SavedPages => pages;

    /// <inheritdoc />
    public void Show(string displayId, DisplayContent content)
    {
        ArgumentNullException.ThrowIfNull(displayId);
        ArgumentNullException.ThrowIfNull(content);
        var output = writer ?? Console.Out;
        output.WriteLine(content.Text);
        if (content.FileName is not null)
        {
            var path = Path.Combine(ResolveDirectory(), string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref pageCount):D3}-{content.FileName}.html"));
            pages[displayId] = path;
            Save(path, content);
            output.WriteLine($"  (saved {path})");
        }
    }

    /// <inheritdoc />
    public void Update(string displayId, DisplayContent content)
    {
        ArgumentNullException.ThrowIfNull(displayId);
        ArgumentNullException.ThrowIfNull(content);
        (writer ?? Console.Out).WriteLine(content.Text);
        if (pages.TryGetValue(displayId, out var path))
        {
            Save(path, content);
        }
    }

    private string ResolveDirectory()
    {
        OutputDirectory ??= Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.CurrentDirectory, "mlc-output");
        return OutputDirectory;
    }

    private static void Save(string path, DisplayContent content)
    {
        var page = new HtmlDocument(content.FileName ?? "output");
        if (content.NeedsPlotly)
        {
            page.AddRawHtml(PlotlyJs.ScriptElement());
        }

        page.AddRawHtml(content.Html).Save(path);
    }
}
