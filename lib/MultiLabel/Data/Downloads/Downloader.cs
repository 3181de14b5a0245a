using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace MultiLabel.Data.Downloads;

/// <summary>
/// Fetches the files of a manifest entry into the data cache: resumable (an interrupted download continues from its
/// <c>.part</c> file with an HTTP Range request), verified (size and sha256 after every download; a file that does
/// not match is deleted and reported), mirrors tried in order, archives unpacked safely. Offline, or when every
/// mirror fails, <see cref="DatasetUnavailableException"/> lists the files to place by hand and where.
/// Taught in notebooks/10-capstone.ipynb.
/// </summary>
public sealed class Downloader : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsClient;
    private readonly IProgress<DownloadProgress>? progress;

    /// <summary>Creates a downloader.</summary>
    /// <param name="cacheRoot">The cache folder (see <see cref="DataDirectory.Resolve"/>).</param>
    /// <param name="offline">Never touch the network; missing files are an error.</param>
    /// <param name="http">The client to use (tests pass one); by default one with a 20-second connect timeout and no overall timeout.</param>
    /// <param name="progress">Receives progress while bytes arrive.</param>
    public Downloader(string cacheRoot, bool offline = false, HttpClient? http = null, IProgress<DownloadProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(cacheRoot);
        CacheRoot = Path.GetFullPath(cacheRoot);
        Offline = offline;
        this.progress = progress;
        ownsClient = http is null;
        this.http = http ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The cache folder.</summary>
    public string CacheRoot { get; }

    /// <summary>Whether the network is off limits.</summary>
    public bool Offline { get; }

    /// <summary>The folder an entry's files go to.</summary>
    public string FolderOf(DownloadEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Path.Combine(CacheRoot, entry.Folder);
    }

    /// <summary>Makes sure every file of <paramref name="entry"/> is in the cache, verified and (for archives) extracted; returns its folder.</summary>
    /// <exception cref="DatasetUnavailableException">Offline or unreachable; the message says which files to place where.</exception>
    /// <exception cref="DownloadVerificationException">A download does not match its sha256 or size.</exception>
    public string Ensure(DownloadEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var folder = FolderOf(entry);
        Directory.CreateDirectory(folder);
        var missing = entry.Files.Where(f => !IsPresent(f, folder)).ToList();
        if (missing.Count > 0 && Offline)
        {
            throw Unavailable(entry, folder, missing, "offline mode (--offline) forbids downloading");
        }

        foreach (var file in missing)
        {
            Download(entry, file, folder, cancellationToken);
        }

        foreach (var file in entry.Files.Where(f => f.Extract))
        {
            var marker = Path.Combine(folder, $".extracted-{file.Name}");
            if (!File.Exists(marker))
            {
                ArchiveExtractor.Extract(Path.Combine(folder, file.Name), folder);
                File.WriteAllText(marker, file.Sha256 + "\n");
            }
        }

        return folder;
    }

    /// <summary>The SHA-256 of a file, lowercase hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsClient)
        {
            http.Dispose();
        }
    }

    /// <summary>
    /// True when the file is in the folder with the right hash. A verified file gets a <c>.sha256</c> stamp so large
    /// archives are hashed once; a file with the wrong hash is deleted (it will be downloaded again).
    /// </summary>
    private static bool IsPresent(DownloadFile file, string folder)
    {
        var path = Path.Combine(folder, file.Name);
        if (!File.Exists(path))
        {
            return false;
        }

        var stamp = path + ".sha256";
        long length = new FileInfo(path).Length;
        if (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == file.Sha256 && (file.Size is null || file.Size == length))
        {
            return true;
        }

        if ((file.Size is null || file.Size == length) && Sha256(path) == file.Sha256)
        {
            File.WriteAllText(stamp, file.Sha256 + "\n");
            return true;
        }

        File.Delete(path);
        File.Delete(stamp);
        return false;
    }

    private void Download(DownloadEntry entry, DownloadFile file, string folder, CancellationToken cancellationToken)
    {
        var target = Path.Combine(folder, file.Name);
        var part = target + ".part";
        var failures = new List<string>();
        foreach (var url in file.Urls)
        {
            try
            {
                bool resumed = FetchToPart(url, file, part, cancellationToken);
                bool good = Verify(file, part, out var problem);
                if (!good && resumed)
                {
                    // The resumed bytes may come from an older copy of the file: try once from scratch.
                    File.Delete(part);
                    FetchToPart(url, file, part, cancellationToken);
                    good = Verify(file, part, out problem);
                }

                if (!good)
                {
                    File.Delete(part);
                    throw new DownloadVerificationException(
                        $"{file.Name} from {url} {problem}; the download was deleted. Run the command again to retry, or place a good copy in {folder}.");
                }

                File.Move(part, target, overwrite: true);
                File.WriteAllText(target + ".sha256", file.Sha256 + "\n");
                return;
            }
            catch (HttpFailure ex)
            {
                failures.Add($"{url}: {ex.Message}");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{url}: {ex.Message}");
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{url}: timed out ({ex.Message})");
            }
        }

        throw Unavailable(entry, folder, [file], "the download failed:\n    " + string.Join("\n    ", failures));
    }

    /// <summary>Downloads into the .part file, resuming from its length; returns true when it resumed.</summary>
    private bool FetchToPart(string url, DownloadFile file, string part, CancellationToken cancellationToken)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (file.Size is { } size && have > size)
        {
            File.Delete(part);
            have = 0;
        }

        if (file.Size is { } expected && have == expected)
        {
            return true;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        bool append;
        if (response.StatusCode == HttpStatusCode.PartialContent && have > 0)
        {
            if (response.Content.Headers.ContentRange?.From is { } from && from != have)
            {
                throw new HttpFailure($"asked to resume at byte {have}, the server sent from byte {from}");
            }

            append = true;
        }
        else if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // The part file may already be complete (size unknown) or stale: start again.
            File.Delete(part);
            FetchToPart(url, file, part, cancellationToken);
            return false;
        }
        else if (response.IsSuccessStatusCode)
        {
            append = false;
            have = 0;
        }
        else
        {
            throw new HttpFailure($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        using var body = response.Content.ReadAsStream(cancellationToken);
        using var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new byte[1 << 16];
        long received = have;
        int n;
        while ((n = body.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Write(buffer, 0, n);
            received += n;
            progress?.Report(new DownloadProgress(file.Name, received, file.Size));
        }

        return append;
    }

    private static bool Verify(DownloadFile file, string part, out string problem)
    {
        long length = new FileInfo(part).Length;
        if (file.Size is { } size && size != length)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"has {length:N0} bytes, expected {size:N0}");
            return false;
        }

        var actual = Sha256(part);
        if (actual != file.Sha256)
        {
            problem = $"has sha256 {actual}, expected {file.Sha256}";
            return false;
        }

        problem = "";
        return true;
    }

    private static DatasetUnavailableException Unavailable(DownloadEntry entry, string folder, IReadOnlyList<DownloadFile> files, string why)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Cannot get {entry.Folder} ({why}).\n");
        text.Append(CultureInfo.InvariantCulture, $"To install it by hand, download these files and put them in {folder}:\n");
        foreach (var file in files)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {file.Name}  ({(file.Size is { } s ? s.ToString("N0", CultureInfo.InvariantCulture) + " bytes, " : "")}sha256 {file.Sha256})\n");
            foreach (var url in file.Urls)
            {
                text.Append(CultureInfo.InvariantCulture, $"      {url}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"Then run the command again: the files are checked against their sha256. To use another folder, set {DataDirectory.EnvironmentVariable} or pass --cache-dir.");
        return new DatasetUnavailableException(text.ToString());
    }

    /// <summary>A mirror answered, but not with the file.</summary>
    private sealed class HttpFailure(string message) : Exception(message);
}
