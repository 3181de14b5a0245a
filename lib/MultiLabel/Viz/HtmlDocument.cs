using System.Globalization;
using System.Net;
using System.Text;

namespace MultiLabel.Viz;

/// <summary>
/// A self-contained HTML page (reports, saved notebook outputs): headings, text, tables, figures and image grids.
/// plotly.js is inlined once, so the file opens offline and can be mailed as one file.
/// </summary>
public sealed class HtmlDocument
{
    private readonly StringBuilder body = new();
    private bool hasFigures;

    /// <summary>Creates a page with a title.</summary>
    public HtmlDocument(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
        AddHeading(title, 1);
    }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>Adds a heading (level 1 to 4).</summary>
    public HtmlDocument AddHeading(string text, int level = 2)
    {
        level = Math.Clamp(level, 1, 4);
        body.Append(CultureInfo.InvariantCulture, $"<h{level}>{WebUtility.HtmlEncode(text)}</h{level}>\n");
        return this;
    }

    /// <summary>Adds a paragraph of plain text.</summary>
    public HtmlDocument AddParagraph(string text)
    {
        body.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a table; numbers should be formatted by the caller.</summary>
    public HtmlDocument AddTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        HtmlTable.Append(body, headers, rows, caption, inlineStyles: false);
        body.Append('\n');
        return this;
    }

    /// <summary>Adds a chart.</summary>
    public HtmlDocument AddFigure(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        hasFigures = true;
        body.Append(figure.ToHtmlFragment()).Append('\n');
        return this;
    }

    /// <summary>Adds small charts side by side, <paramref name="columns"/> per row (e.g. one confusion matrix per label).</summary>
    public HtmlDocument AddFigureGrid(IEnumerable<Figure> figures, int columns = 4)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        body.Append(CultureInfo.InvariantCulture, $"<div style=\"display:grid;grid-template-columns:repeat({columns},max-content);gap:4px\">\n");
        foreach (var figure in figures)
        {
            hasFigures = true;
            body.Append(figure.ToHtmlFragment()).Append('\n');
        }

        body.Append("</div>\n");
        return this;
    }

    /// <summary>Adds an image grid.</summary>
    public HtmlDocument AddImageGrid(ImageGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        body.Append(grid.ToHtml()).Append('\n');
        return this;
    }

    /// <summary>Adds trusted raw HTML.</summary>
    public HtmlDocument AddRawHtml(string html)
    {
        body.Append(html).Append('\n');
        return this;
    }

    /// <summary>The complete page.</summary>
    public string ToHtml()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>\n")
            .Append("<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#222}")
            .Append("table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:4px 10px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}thead th{background:#f4f6f8}caption{text-align:left;font-weight:600;padding:4px 0}")
            .Append(".mlc-figure{margin:8px 0 24px}</style>\n");
        if (hasFigures)
        {
            page.Append(PlotlyJs.ScriptElement()).Append('\n');
        }

        page.Append("</head><body>\n").Append(body).Append("</body></html>\n");
        return page.ToString();
    }

    /// <summary>Writes the page atomically (a temporary file renamed over the target).</summary>
    public void Save(string path) => Training.AtomicFile.WriteAllText(path, ToHtml());
}
