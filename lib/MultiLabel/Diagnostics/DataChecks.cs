using MultiLabel.Data;
using MultiLabel.Data.Downloads;

namespace MultiLabel.Diagnostics;

/// <summary>The data cache and each download of the manifest: absent, present and verified, or corrupt.</summary>
internal static class DataChecks
{
    public static IEnumerable<HealthCheck> Run(string? cacheDirectory)
    {
        var cache = DataDirectory.Resolve(cacheDirectory);
        yield return new HealthCheck("data cache", HealthStatus.Info, Directory.Exists(cache) ? cache : $"{cache} (not created yet)");
        foreach (var (name, entry) in DownloadManifest.Embedded.Datasets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return Download(name, entry, Path.Combine(cache, entry.Folder));
        }
    }

    private static HealthCheck Download(string name, DownloadEntry entry, string folder)
    {
        var present = entry.Files.Where(f => File.Exists(Path.Combine(folder, f.Name))).ToList();
        if (present.Count == 0)
        {
            return new HealthCheck($"download {name}", HealthStatus.Info, "not downloaded", $"Optional: `mlc data download {name}`.");
        }

        var bad = present.Where(f => !Verified(f, Path.Combine(folder, f.Name))).Select(f => f.Name).ToList();
        if (bad.Count > 0)
        {
            return new HealthCheck($"download {name}", HealthStatus.Failed, $"{string.Join(", ", bad)} in {folder} does not match its sha256",
                $"Delete the file(s) and run `mlc data download {name}` again.");
        }

        return present.Count == entry.Files.Count
            ? new HealthCheck($"download {name}", HealthStatus.Ok, $"{present.Count} file(s) in {folder}, sha256 verified")
            : new HealthCheck($"download {name}", HealthStatus.Warning, $"{present.Count} of {entry.Files.Count} files in {folder} (verified); the rest are missing",
                $"Run `mlc data download {name}` to finish it.");
    }

    /// <summary>The download's verification stamp, else its hash (a read, never a delete: the doctor changes nothing).</summary>
    private static bool Verified(DownloadFile file, string path)
    {
        var stamp = path + ".sha256";
        long length = new FileInfo(path).Length;
        if (file.Size is { } size && size != length)
        {
            return false;
        }

        return (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == file.Sha256) || Downloader.Sha256(path) == file.Sha256;
    }
}
