using System.Text;

namespace MultiLabel.Viz;

/// <summary>A small table of strings (headers and rows) shown as HTML in notebooks and aligned text on consoles.</summary>
public sealed class Table : IDisplayable
{
    private readonly List<IReadOnlyList<string>> rows = [];

    /// <summary>Creates a table with column headers and an optional title.</summary>
    public Table(IReadOnlyList<string> headers, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
        Title = title;
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Optional title.</summary>
    public string? Title { get; }

    /// <summary>The rows added so far.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => rows;

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public Table AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"A row of {cells.Length} cells for {Headers.Count} columns.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <inheritdoc />
    public DisplayContent ToDisplayContent()
    {
        var html = new StringBuilder();
        HtmlTable.Append(html, Headers, rows, Title, inlineStyles: true);
        return new DisplayContent(html.ToString(), ToText());
    }

    /// <summary>The table as aligned plain text.</summary>
    public string ToText()
    {
        var widths = Headers.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();
        var text = new StringBuilder();
        if (Title is not null)
        {
            text.Append(Title).Append('\n');
        }

        text.Append(string.Join("  ", Headers.Select((h, c) => h.PadRight(widths[c]))).TrimEnd());
        foreach (var row in rows)
        {
            text.Append('\n').Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }
}
