using System.Globalization;
using System.Text;

namespace MultiLabel.Exercises;

/// <summary>One solution region of an exercise cell: the lines strictly between its markers (0-based, end exclusive).</summary>
/// <param name="BeginLine">Line of the <c>// BEGIN SOLUTION</c> marker.</param>
/// <param name="EndLine">Line of the <c>// END SOLUTION</c> marker.</param>
/// <param name="Indent">The whitespace before the begin marker (the region's code is indented like it).</param>
public sealed record SolutionRegion(int BeginLine, int EndLine, string Indent);

/// <summary>
/// The markers that make exercise cells machine-readable, nbgrader style:
/// <code>
/// // EXERCISE 02.1: multi-hot encoding            (first line; the cell metadata has exercise_id and points too)
/// Tensor MultiHot(int[][] labels, int numLabels)
/// {
///     // BEGIN SOLUTION
///     throw new NotImplementedException();       (released form; the source form has the model answer here)
///     // END SOLUTION
/// }
/// Lesson02.MultiHot.Check(MultiHot);
/// </code>
/// The markers stay in both forms, so a grading tool finds the learner's code between them and a release step
/// turns a source notebook into the released one with <see cref="Strip"/>. The committed notebooks are released.
/// </summary>
public static class SolutionMarkers
{
    /// <summary>The line that opens a solution region.</summary>
    public const string Begin = "// BEGIN SOLUTION";

    /// <summary>The line that closes a solution region.</summary>
    public const string End = "// END SOLUTION";

    /// <summary>What a released region holds.</summary>
    public const string Placeholder = "throw new NotImplementedException();";

    /// <summary>The comment that starts an exercise cell: <c>// EXERCISE 02.1: title</c>.</summary>
    public const string ExercisePrefix = "// EXERCISE ";

    /// <summary>The exercise id named by the cell's <c>// EXERCISE id</c> line, or null when there is none.</summary>
    public static string? ExerciseId(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (var line in Lines(code))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(ExercisePrefix, StringComparison.Ordinal))
            {
                var rest = trimmed[ExercisePrefix.Length..].TrimStart();
                int end = rest.IndexOfAny([':', ' ', '(']);
                return end < 0 ? rest : rest[..end];
            }
        }

        return null;
    }

    /// <summary>The solution regions of a cell, in order.</summary>
    /// <exception cref="FormatException">Markers that do not pair up; the message names the line (1-based).</exception>
    public static IReadOnlyList<SolutionRegion> FindRegions(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lines = Lines(code);
        var regions = new List<SolutionRegion>();
        int open = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed == Begin)
            {
                if (open >= 0)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: '{Begin}' inside the region opened on line {open + 1}."));
                }

                open = i;
            }
            else if (trimmed == End)
            {
                if (open < 0)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: '{End}' without a '{Begin}' before it."));
                }

                regions.Add(new SolutionRegion(open, i, lines[open][..(lines[open].Length - lines[open].TrimStart().Length)]));
                open = -1;
            }
        }

        if (open >= 0)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {open + 1}: '{Begin}' is never closed by '{End}'."));
        }

        return regions;
    }

    /// <summary>The released form: every region's content replaced by <see cref="Placeholder"/> (markers kept).</summary>
    public static string Strip(string code) => Replace(code, _ => Placeholder, requireSingle: false);

    /// <summary>The source form: the single region's content replaced by <paramref name="solution"/>, indented like the marker.</summary>
    /// <exception cref="FormatException">The cell has no region or more than one.</exception>
    public static string Fill(string code, string solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return Replace(code, _ => solution, requireSingle: true);
    }

    /// <summary>True when every region holds only <see cref="Placeholder"/> (and there is at least one).</summary>
    public static bool IsReleased(string code)
    {
        var lines = Lines(code);
        var regions = FindRegions(code);
        return regions.Count > 0 && regions.All(r =>
            r.EndLine - r.BeginLine == 2 && lines[r.BeginLine + 1].Trim() == Placeholder);
    }

    /// <summary>The learner's code: the lines of each region, without the markers, joined.</summary>
    public static string LearnerCode(string code)
    {
        var lines = Lines(code);
        return string.Join("\n", FindRegions(code).SelectMany(r => lines[(r.BeginLine + 1)..r.EndLine]));
    }

    private static string Replace(string code, Func<SolutionRegion, string> content, bool requireSingle)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lines = Lines(code);
        var regions = FindRegions(code);
        if (requireSingle && regions.Count != 1)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Expected exactly one solution region, found {regions.Count}."));
        }

        var result = new StringBuilder();
        int next = 0;
        foreach (var region in regions)
        {
            for (; next <= region.BeginLine; next++)
            {
                result.Append(lines[next]).Append('\n');
            }

            foreach (var line in Lines(content(region).Trim('\n', '\r')))
            {
                result.Append(line.Length == 0 ? string.Empty : region.Indent + line).Append('\n');
            }

            next = region.EndLine;
        }

        for (; next < lines.Length; next++)
        {
            result.Append(lines[next]);
            if (next < lines.Length - 1)
            {
                result.Append('\n');
            }
        }

        return result.ToString();
    }

    private static string[] Lines(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
