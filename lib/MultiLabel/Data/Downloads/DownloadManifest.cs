using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiLabel.Data.Downloads;

/// <summary>One file to download: where from, how big, and the sha256 it must have.</summary>
/// <param name="Name">File name in the dataset's cache folder.</param>
/// <param name="Urls">Mirrors, tried in order.</param>
/// <param name="Size">Expected size in bytes, when known.</param>
/// <param name="Sha256">Expected SHA-256, lowercase hex.</param>
/// <param name="Extract">Whether the file is an archive (tar, tar.gz, zip) to unpack into the folder.</param>
public sealed record DownloadFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("urls")] IReadOnlyList<string> Urls,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("extract")] bool Extract = false);

/// <summary>A downloadable dataset (or set of weights).</summary>
/// <param name="Description">What it is, with its authors.</param>
/// <param name="Folder">Sub-folder of the cache it goes to.</param>
/// <param name="Files">Its files.</param>
public sealed record DownloadEntry(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("folder")] string Folder,
    [property: JsonPropertyName("files")] IReadOnlyList<DownloadFile> Files);

/// <summary>
/// The list of downloadable datasets and weights (<c>data/downloads.json</c>, embedded in the library so the CLI
/// works from any folder): URL mirrors, size and sha256 of every file.
/// </summary>
public sealed record DownloadManifest([property: JsonPropertyName("datasets")] IReadOnlyDictionary<string, DownloadEntry> Datasets)
{
    private const string ResourceName = "MultiLabel.Data.downloads.json";
    private static readonly Lazy<DownloadManifest> EmbeddedManifest = new(LoadEmbedded);

    /// <summary>The manifest shipped with the library.</summary>
    public static DownloadManifest Embedded => EmbeddedManifest.Value;

    /// <summary>Reads a manifest file.</summary>
    /// <exception cref="DataFormatException">Not a valid manifest.</exception>
    public static DownloadManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public DownloadEntry Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Datasets.TryGetValue(name.Trim().ToLowerInvariant(), out var entry)
            ? entry
            : throw new ArgumentException($"Unknown download '{name}'; known: {string.Join(", ", Datasets.Keys.Order(StringComparer.Ordinal))}.", nameof(name));
    }

    private static DownloadManifest Parse(Stream stream, string source)
    {
        DownloadManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DownloadManifest>(stream);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException(source, (int?)(ex.LineNumber + 1), $"not a valid download manifest: {ex.Message}", ex);
        }

        if (manifest?.Datasets is null)
        {
            throw new DataFormatException(source, null, "the manifest has no \"datasets\" object.");
        }

        foreach (var (name, entry) in manifest.Datasets)
        {
            foreach (var file in entry.Files ?? [])
            {
                if (string.IsNullOrWhiteSpace(file.Name) || Path.GetFileName(file.Name) != file.Name || file.Urls is not { Count: > 0 }
                    || file.Sha256 is not { Length: 64 } || !file.Sha256.All(Uri.IsHexDigit))
                {
                    throw new DataFormatException(source, null, $"entry '{name}': file '{file.Name}' needs a plain file name, at least one URL and a 64-digit sha256.");
                }
            }
        }

        return manifest;
    }

    private static DownloadManifest LoadEmbedded()
    {
        using var stream = typeof(DownloadManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The library lacks its embedded resource {ResourceName}.");
        return Parse(stream, "data/downloads.json");
    }
}
