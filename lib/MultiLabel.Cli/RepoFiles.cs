namespace MultiLabel.Cli;

/// <summary>Finds files of the repository (scripts, data) from the current folder or the mlc binary's folder.</summary>
internal static class RepoFiles
{
    /// <summary>The full path of <paramref name="relativePath"/> in the nearest folder above that has it, or null.</summary>
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
