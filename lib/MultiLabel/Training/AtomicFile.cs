namespace MultiLabel.Training;

/// <summary>
/// Writes files so that a reader (or a crash) never sees half a file: write to a temporary file in the same
/// folder, flush it to disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Tests replace how a temporary file is created (e.g. with a stream that runs out of disk space after some
    /// bytes); scoped to the calling flow, so parallel tests do not see each other's.
    /// </summary>
    internal static readonly AsyncLocal<Func<string, Stream>?> CreateOverride = new();

    /// <summary>Creates the temporary file <paramref name="temp"/> for writing (what <see cref="Write"/> callbacks use).</summary>
    public static Stream Create(string temp) => CreateOverride.Value is { } create ? create(temp) : File.Create(temp);

    /// <summary>Writes a file atomically through <paramref name="write"/>, which receives the temporary path.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes text atomically (UTF-8, no byte-order mark).</summary>
    public static void WriteAllText(string path, string contents) => Write(path, temp => File.WriteAllText(temp, contents));
}
