namespace MultiLabel.Metrics;

/// <summary>Builds the errors the metric file readers throw: one message naming the file and the line.</summary>
internal static class FileProblem
{
    /// <summary>"<paramref name="path"/>, line <paramref name="line"/>: <paramref name="problem"/>".</summary>
    public static InvalidDataException At(string path, long line, string problem) => new($"{path}, line {line}: {problem}");

    /// <summary>"<paramref name="path"/>: <paramref name="problem"/>" for problems of the whole file.</summary>
    public static InvalidDataException In(string path, string problem) => new($"{path}: {problem}");
}
