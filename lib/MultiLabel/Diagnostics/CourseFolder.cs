namespace MultiLabel.Diagnostics;

/// <summary>Finds the course checkout (the folder holding MultiLabelCourse.sln) from a folder inside it.</summary>
public static class CourseFolder
{
    /// <summary>The file that marks the course's root folder.</summary>
    public const string Marker = "MultiLabelCourse.sln";

    /// <summary>The course folder at or above <paramref name="start"/> (default: the current folder, then the library's folder), or null.</summary>
    public static string? Find(string? start = null)
    {
        foreach (var from in start is null ? [Environment.CurrentDirectory, AppContext.BaseDirectory] : new[] { start })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
