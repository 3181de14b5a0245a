namespace MultiLabel.Cli.Commands;

/// <summary>The course's notebooks folder: the option, or notebooks/ of the repository above the current folder.</summary>
internal static class CourseNotebooks
{
    public static string Resolve(string? option)
    {
        var notebooks = option ?? Path.GetDirectoryName(RepoFiles.Find(Path.Combine("notebooks", "setup-library.csx")))
            ?? throw new UsageException("No notebooks/ folder above the current folder: pass --notebooks DIR.");
        return File.Exists(Path.Combine(notebooks, "setup-library.csx"))
            ? Path.GetFullPath(notebooks)
            : throw new UsageException($"{notebooks} is not the course's notebooks folder (no setup-library.csx): pass --notebooks DIR.");
    }
}
