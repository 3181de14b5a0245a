namespace MultiLabel.Viz;

/// <summary>
/// One thing to show, in every form a host can use: an HTML fragment for notebooks, plain text for consoles and an
/// optional file name under which a host without a notebook saves the HTML as a page.
/// </summary>
/// <param name="Html">The HTML fragment a notebook shows.</param>
/// <param name="Text">The plain-text form a console prints.</param>
/// <param name="NeedsPlotly">True when <paramref name="Html"/> draws with plotly.js (a saved page must inline it).</param>
/// <param name="FileName">Base name (no extension) of the page a console host saves; null: text only.</param>
public sealed record DisplayContent(string Html, string Text, bool NeedsPlotly = false, string? FileName = null);
