namespace MultiLabel.Exercises;

/// <summary>
/// Turns the source text of a model answer's lambda (captured with <c>CallerArgumentExpression</c>) into the code
/// that goes between the solution markers: a block body without its braces, or <c>return expression;</c>. So the
/// model answer is written once, as real C#, and <c>Solution()</c> shows exactly the code that the checks ran.
/// </summary>
internal static class SolutionSource
{
    /// <summary>The solution code of the lambda whose source is <paramref name="lambda"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a lambda (e.g. a method name).</exception>
    public static string FromLambda(string lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        int arrow = lambda.IndexOf("=>", StringComparison.Ordinal);
        if (arrow < 0)
        {
            throw new ArgumentException($"'{lambda}' is not a lambda: pass the solution code explicitly.", nameof(lambda));
        }

        var body = lambda[(arrow + 2)..].Trim();
        if (body.StartsWith('{') && body.EndsWith('}'))
        {
            return Dedent(body[1..^1]);
        }

        return "return " + Dedent(body) + ";";
    }

    /// <summary>The lines of <paramref name="text"/> without blank lines at either end and without their common indentation.</summary>
    public static string Dedent(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        // The first line of an expression body starts right after "=>"; only the others carry the file's indentation.
        var indented = lines.Skip(lines.Count > 1 && lines[0] == lines[0].TrimStart() ? 1 : 0).Where(l => l.Trim().Length > 0).ToList();
        int indent = indented.Count == 0 ? 0 : indented.Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Trim().Length == 0 ? string.Empty : l.Length - l.TrimStart().Length >= indent ? l[indent..] : l.TrimStart()).Select(l => l.TrimEnd()));
    }
}
