namespace MultiLabel.Grading.Engine;

/// <summary>Finds the child executable: the option, <c>MLC_GRADE_CHILD</c>, or the newest build beside the course.</summary>
public static class ChildLocator
{
    /// <summary>The environment variable that names the child's dll.</summary>
    public const string EnvironmentVariable = "MLC_GRADE_CHILD";

    /// <summary>The child's file name.</summary>
    public const string FileName = "mlc-grade-child.dll";

    private static readonly string[] Configurations = ["Release", "Debug"];

    /// <summary>The child's dll for a course whose notebooks folder is <paramref name="courseNotebooks"/>.</summary>
    /// <exception cref="FileNotFoundException">No build of the child was found; the message says how to build it.</exception>
    public static string Find(string courseNotebooks, string? explicitPath = null)
    {
        if ((explicitPath ?? Environment.GetEnvironmentVariable(EnvironmentVariable)) is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"The grader's child {given} does not exist.");
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(courseNotebooks))!;
        var project = Path.Combine(root, "lib", "MultiLabel.Grading.Child", "bin");
        var found = Configurations
            .Select(c => Path.Combine(project, c, "net10.0", FileName))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        return found ?? throw new FileNotFoundException(
            $"The grader's child is not built ({Path.Combine(project, "Release", "net10.0", FileName)}): run dotnet build lib/MultiLabel.Grading.Child -c Release, or set {EnvironmentVariable}.");
    }
}
