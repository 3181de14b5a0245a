using System.Globalization;
using System.Net;
using System.Text;
using MultiLabel.Grading.Engine;
using MultiLabel.Training;

namespace MultiLabel.Grading.Reports;

/// <summary>
/// The class's gradebook: <c>gradebook.csv</c> (learner x exercise points), <c>gradebook.html</c> (score
/// distribution, pass rate per exercise, the most frequent failure messages per exercise: what the class did not
/// understand), and optionally a CSV for a learning platform's import (one row per learner, one column per lesson, total).
/// </summary>
public static class Gradebook
{
    /// <summary>Writes the files into <paramref name="folder"/> (and <paramref name="lmsCsv"/> when given); returns their paths.</summary>
    public static IReadOnlyList<string> Write(ClassGrades grades, string folder, string? lmsCsv)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var csv = Path.Combine(folder, "gradebook.csv");
        var html = Path.Combine(folder, "gradebook.html");
        AtomicFile.WriteAllText(csv, Csv(grades));
        AtomicFile.WriteAllText(html, Html(grades));
        if (lmsCsv is null)
        {
            return [csv, html];
        }

        AtomicFile.WriteAllText(lmsCsv, LmsCsv(grades));
        return [csv, html, lmsCsv];
    }

    /// <summary>learner, one column per exercise (points earned), total.</summary>
    public static string Csv(ClassGrades grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var ids = Exercises(grades).Select(e => e.Id).ToList();
        var text = new StringBuilder("learner,").AppendJoin(',', ids).Append(",total\n");
        foreach (var learner in grades.Learners)
        {
            var earned = learner.Report.Exercises.ToDictionary(e => e.Id, e => e.Earned);
            text.Append(Quote(learner.Learner)).Append(',')
                .AppendJoin(',', ids.Select(id => earned.GetValueOrDefault(id).ToString(CultureInfo.InvariantCulture)))
                .Append(CultureInfo.InvariantCulture, $",{learner.Report.Score}\n");
        }

        return text.ToString();
    }

    /// <summary>A learning platform's import: "Student", one column per lesson ("Lesson NN (max P)"), "Total (max T)".</summary>
    public static string LmsCsv(ClassGrades grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var lessons = Exercises(grades).GroupBy(e => e.Id[..2]).Select(g => (Lesson: g.Key, Max: g.Sum(e => e.Points))).ToList();
        int total = lessons.Sum(l => l.Max);
        var text = new StringBuilder("Student,").AppendJoin(',', lessons.Select(l => string.Create(CultureInfo.InvariantCulture, $"Lesson {l.Lesson} (max {l.Max})")))
            .Append(CultureInfo.InvariantCulture, $",Total (max {total})\n");
        foreach (var learner in grades.Learners)
        {
            text.Append(Quote(learner.Learner)).Append(',')
                .AppendJoin(',', lessons.Select(l => learner.Report.Exercises.Where(e => e.Id.StartsWith(l.Lesson, StringComparison.Ordinal)).Sum(e => e.Earned).ToString(CultureInfo.InvariantCulture)))
                .Append(CultureInfo.InvariantCulture, $",{learner.Report.Score}\n");
        }

        return text.ToString();
    }

    /// <summary>A few lines for the terminal: learners, mean score, pass rate per exercise.</summary>
    public static string Summary(ClassGrades grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var text = new StringBuilder();
        foreach (var learner in grades.Learners)
        {
            text.Append(CultureInfo.InvariantCulture, $"{learner.Learner}: {learner.Report.Score} of {learner.Report.Total}\n");
        }

        foreach (var (id, rate, _) in PassRates(grades))
        {
            text.Append(CultureInfo.InvariantCulture, $"exercise {id}: {rate:P0} passed\n");
        }

        return text.ToString();
    }

    /// <summary>The page: score distribution, pass rate per exercise, the most frequent failure messages.</summary>
    public static string Html(ClassGrades grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        int total = grades.Learners.Count == 0 ? 0 : grades.Learners.Max(l => l.Report.Total);
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Gradebook</title><style>")
            .Append("body{font:14px/1.4 sans-serif;margin:20px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;vertical-align:top}")
            .Append(".bar{background:#1565c0;height:12px;display:inline-block}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Gradebook: {grades.Learners.Count} learners</h1><h2>Score distribution (of {total})</h2><table><tr><th>score</th><th>learners</th></tr>");
        foreach (var group in grades.Learners.GroupBy(l => l.Report.Score).OrderByDescending(g => g.Key))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{group.Key}</td><td><span class=\"bar\" style=\"width:{group.Count() * 20}px\"></span> {group.Count()}</td></tr>");
        }

        html.Append("</table><h2>Per exercise</h2><table><tr><th>exercise</th><th>passed</th><th>most frequent failures</th></tr>");
        foreach (var (id, rate, failures) in PassRates(grades))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(id)}</td><td><span class=\"bar\" style=\"width:{rate * 100:0}px\"></span> {rate:P0}</td><td><ol>");
            foreach (var (message, count) in failures)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{count} x {WebUtility.HtmlEncode(message)}</li>");
            }

            html.Append("</ol></td></tr>");
        }

        return html.Append("</table></body></html>\n").ToString();
    }

    private static IEnumerable<(string Id, double Rate, IReadOnlyList<(string Message, int Count)> Failures)> PassRates(ClassGrades grades)
    {
        foreach (var exercise in Exercises(grades))
        {
            var all = grades.Learners.SelectMany(l => l.Report.Exercises.Where(e => e.Id == exercise.Id)).ToList();
            double rate = all.Count == 0 ? 0 : all.Count(e => e.Status == GradeStatus.Passed) / (double)all.Count;
            var failures = all.Where(e => e.Status != GradeStatus.Passed)
                .GroupBy(e => Generalise(e.Message))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(3).Select(g => (g.Key, g.Count())).ToList();
            yield return (exercise.Id, rate, failures);
        }
    }

    /// <summary>The message without its "(Case k of n: ...)" tail, so the same mistake on different cases counts once.</summary>
    private static string Generalise(string message)
    {
        int at = message.LastIndexOf(" (Case ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    private static List<ExerciseGrade> Exercises(ClassGrades grades) =>
        [.. grades.Learners.SelectMany(l => l.Report.Exercises).GroupBy(e => e.Id).Select(g => g.First())];

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
