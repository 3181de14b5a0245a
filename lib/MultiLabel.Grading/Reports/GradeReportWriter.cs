using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MultiLabel.Grading.Engine;

namespace MultiLabel.Grading.Reports;

/// <summary>The forms of a <see cref="GradeReport"/>: JSON (the CLI's <c>--json</c>), Markdown (for the learner), a plain table.</summary>
public static class GradeReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One JSON object: <c>{"score", "total", "exercises": [{"notebook", "id", "points", "earned", "status", "message", "seconds"}]}</c>.</summary>
    public static string Json(GradeReport report) => JsonSerializer.Serialize(report, JsonOptions);

    /// <summary>Reads <see cref="Json"/> back.</summary>
    public static GradeReport ReadJson(string json) =>
        JsonSerializer.Deserialize<GradeReport>(json, JsonOptions) ?? throw new JsonException("Not a grade report.");

    /// <summary>The report as Markdown: the score, a table, and the feedback of each exercise that did not pass.</summary>
    public static string Markdown(GradeReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {title}\n\n**Score: {report.Score} of {report.Total}**\n\n");
        md.Append("| notebook | exercise | points | status | feedback |\n|---|---|---|---|---|\n");
        foreach (var e in report.Exercises)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {e.Notebook} | {e.Id} | {e.Earned}/{e.Points} | {e.Status} | {Cell(e.Message)} |\n");
        }

        return md.ToString();
    }

    /// <summary>A fixed-width table for a terminal or a test log.</summary>
    public static string Table(GradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Exercises.Select(e => new[]
        {
            e.Notebook, e.Id, string.Create(CultureInfo.InvariantCulture, $"{e.Earned}/{e.Points}"), e.Status,
            e.Seconds.ToString("0.0", CultureInfo.InvariantCulture), Shorten(e.Message, 100),
        }).Prepend(["notebook", "exercise", "points", "status", "s", "feedback"]).ToList();
        int[] widths = [.. Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length))];
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin("  ", row.Select((v, i) => i == 5 ? v : v.PadRight(widths[i]))).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"score {report.Score} of {report.Total}\n");
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Shorten(string text, int length)
    {
        var line = text.Replace('\n', ' ');
        return line.Length <= length ? line : line[..(length - 3)] + "...";
    }
}
