namespace MultiLabel.Viz;

/// <summary>
/// Where <see cref="Display"/> sends content: a notebook kernel (<see cref="NotebookDisplaySink"/>, connected by the
/// notebooks' setup file) or, with no notebook host, the console plus saved pages (<see cref="ConsoleDisplaySink"/>).
/// </summary>
public interface IDisplaySink
{
    /// <summary>Shows new content under <paramref name="displayId"/>.</summary>
    void Show(string displayId, DisplayContent content);

    /// <summary>Replaces the content shown earlier under <paramref name="displayId"/> (live charts).</summary>
    void Update(string displayId, DisplayContent content);
}
