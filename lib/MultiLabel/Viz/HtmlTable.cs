using System.Net;
using System.Text;

namespace MultiLabel.Viz;

/// <summary>Writes an HTML table of strings: shared by <see cref="HtmlDocument"/> (styled by its page) and <see cref="Table"/> (inline styles, for notebooks).</summary>
internal static class HtmlTable
{
    private const string HeaderStyle = " style=\"border-bottom:1px solid #ccc;padding:2px 10px;text-align:left\"";
    private const string CellStyle = " style=\"padding:2px 10px;text-align:left\"";

    public static void Append(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? caption, bool inlineStyles)
    {
        html.Append(inlineStyles ? "<table class=\"mlc-table\" style=\"border-collapse:collapse;font:13px/1.4 sans-serif\">" : "<table>");
        if (caption is not null)
        {
            html.Append(inlineStyles ? "<caption style=\"text-align:left;font-weight:600\">" : "<caption>").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        foreach (var h in headers)
        {
            html.Append("<th").Append(inlineStyles ? HeaderStyle : string.Empty).Append('>').Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td").Append(inlineStyles ? CellStyle : string.Empty).Append('>').Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
