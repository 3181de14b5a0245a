using MultiLabel.Imaging;
using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// A folder of images plus a label table: "an image folder and a label file is a dataset". File names in the table
/// are relative to the folder and may not leave it. Missing or unreadable images fail with an error naming the file
/// and the label-file line, or are skipped and reported (<see cref="BadImagePolicy"/>).
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed class ImageFolderDataset : IImageDataset
{
    private readonly string[] paths;
    private readonly string[] names;
    private readonly float[][] targets;
    private readonly RgbImage[]? cache;
    private readonly ImageDecodeOptions decode;

    private ImageFolderDataset(
        string folder, LabelVocabulary labels, string[] paths, string[] names, float[][] targets, RgbImage[]? cache,
        IReadOnlyList<SkippedImage> skipped, ImageDecodeOptions decode)
    {
        Folder = folder;
        Labels = labels;
        this.paths = paths;
        this.names = names;
        this.targets = targets;
        this.cache = cache;
        Skipped = skipped;
        this.decode = decode;
    }

    /// <summary>The image folder (full path).</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public LabelVocabulary Labels { get; }

    /// <inheritdoc />
    public int Count => names.Length;

    /// <summary>Images left out under <see cref="BadImagePolicy.Skip"/> (empty under Fail).</summary>
    public IReadOnlyList<SkippedImage> Skipped { get; }

    /// <summary>Whether the images are decoded and held in memory.</summary>
    public bool IsPreloaded => cache is not null;

    /// <summary>Opens a folder with a label file (split column optional), keeping the rows of <paramref name="split"/> (all when null).</summary>
    /// <exception cref="DataFormatException">Bad label file, or (under Fail) a missing image.</exception>
    /// <exception cref="ImageDecodeException">Under Fail with preloading: a corrupt or truncated image.</exception>
    public static ImageFolderDataset Open(string folder, string labelFile, Split? split = null, LabelVocabulary? labels = null, ImageFolderOptions? options = null)
    {
        var table = LabelFile.Read(labelFile, labels);
        return Open(folder, split is { } s ? table.OfSplit(s) : table, options);
    }

    /// <summary>Opens a folder with the rows of <paramref name="table"/>.</summary>
    /// <exception cref="DataFormatException">A file name leaves the folder, or (under Fail) an image is missing.</exception>
    /// <exception cref="ImageDecodeException">Under Fail with preloading: a corrupt or truncated image.</exception>
    public static ImageFolderDataset Open(string folder, LabelTable table, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(table);
        options ??= ImageFolderOptions.Default;
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DataFormatException(root, null, $"the image folder does not exist (label file {table.Source}).");
        }

        var skipped = new List<SkippedImage>();
        var rows = new List<(LabelRow Row, string Path)>();
        foreach (var row in table.Rows)
        {
            var path = Path.GetFullPath(Path.Combine(root, row.FileName));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new DataFormatException(table.Source, row.Line, $"the file name '{row.FileName}' points outside the image folder {root}.");
            }

            if (!File.Exists(path))
            {
                if (options.OnBadImage == BadImagePolicy.Fail)
                {
                    throw new DataFormatException(table.Source, row.Line, $"image '{row.FileName}' not found in {root} (use --on-bad-image skip to leave missing images out).");
                }

                skipped.Add(new SkippedImage(row.FileName, "file not found"));
                continue;
            }

            rows.Add((row, path));
        }

        var decode = options.Decode ?? ImageDecodeOptions.Default;
        RgbImage?[]? decoded = null;
        if (options.Preload || options.OnBadImage == BadImagePolicy.Skip)
        {
            decoded = DecodeAll(rows.Select(r => r.Path).ToArray(), decode, options.OnBadImage, keep: options.Preload, out var failures);
            foreach (var (index, reason) in failures.OrderBy(f => f.Index))
            {
                skipped.Add(new SkippedImage(rows[index].Row.FileName, reason));
            }

            var good = failures.Select(f => f.Index).ToHashSet();
            var keptRows = new List<(LabelRow, string)>();
            var keptImages = new List<RgbImage?>();
            for (int i = 0; i < rows.Count; i++)
            {
                if (!good.Contains(i))
                {
                    keptRows.Add(rows[i]);
                    keptImages.Add(decoded[i]);
                }
            }

            rows = keptRows;
            decoded = options.Preload ? [.. keptImages] : null;
        }
        else
        {
            CheckAll([.. rows.Select(r => r.Path)], decode);
        }

        return new ImageFolderDataset(
            root, table.Labels,
            rows.Select(r => r.Path).ToArray(),
            rows.Select(r => r.Row.FileName).ToArray(),
            rows.Select(r => table.Target(r.Row)).ToArray(),
            decoded?.Select(d => d!).ToArray(),
            skipped, decode);
    }

    /// <inheritdoc />
    public string GetName(int index) => names[index];

    /// <summary>The full path of sample <paramref name="index"/>.</summary>
    public string GetPath(int index) => paths[index];

    /// <inheritdoc />
    public ReadOnlySpan<float> GetTarget(int index) => targets[index];

    /// <inheritdoc />
    /// <exception cref="ImageDecodeException">The image is corrupt or truncated (only without preloading).</exception>
    public Tensor GetImage(int index) =>
        cache is not null ? ImageTensor.FromRgb(cache[index]) : ImageDecoder.DecodeToTensor(paths[index], decode);

    /// <summary>The 8-bit image of sample <paramref name="index"/> (from memory when preloaded, else decoded).</summary>
    public RgbImage GetRgb(int index) => cache is not null ? cache[index] : ImageDecoder.DecodeRgb(paths[index], decode);

    /// <summary>
    /// Under <see cref="BadImagePolicy.Fail"/> without preloading: every file's header and end checked up front
    /// (<see cref="ImageDecoder.Check"/>, a few milliseconds per thousand small files), and every bad one named at once.
    /// </summary>
    private static void CheckAll(string[] files, ImageDecodeOptions decode)
    {
        var sorted = EachFile(files, i => ImageDecoder.Check(files[i], decode), stopAtFirst: false);
        if (sorted.Count == 0)
        {
            return;
        }

        var first = sorted[0].Error;
        var others = sorted.Skip(1).Take(20).Select(e => $"{e.Error.FileName}: {e.Error.Reason ?? e.Error.Message}");
        var more = sorted.Count > 21 ? $"; and {sorted.Count - 21} more" : string.Empty;
        throw new ImageDecodeException(
            first.FileName ?? "?",
            $"{first.Reason ?? first.Message}" + (sorted.Count > 1 ? $"; {sorted.Count} bad images in all, checked before training: {string.Join("; ", others)}{more}" : string.Empty) +
            " (use --on-bad-image skip to leave bad images out).",
            first);
    }

    private static RgbImage?[] DecodeAll(
        string[] files, ImageDecodeOptions decode, BadImagePolicy policy, bool keep, out List<(int Index, string Reason)> failures)
    {
        var images = new RgbImage?[files.Length];
        var errors = EachFile(files, i =>
        {
            var image = ImageDecoder.DecodeRgb(files[i], decode);
            if (keep)
            {
                images[i] = image;
            }
        }, stopAtFirst: policy == BadImagePolicy.Fail);
        if (policy == BadImagePolicy.Fail && errors.Count > 0)
        {
            var first = errors[0].Error;
            throw new ImageDecodeException(first.FileName ?? "?", (first.Reason ?? first.Message) + " (use --on-bad-image skip to leave bad images out).", first);
        }

        failures = errors.Select(e => (e.Index, e.Error.Reason ?? e.Error.Message)).ToList();
        return images;
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every file index in parallel; the decode errors, in file order. With
    /// <paramref name="stopAtFirst"/> it breaks at the first error (Break, not Stop, still runs every lower index, so
    /// the first error in the list is the first bad file in order).
    /// </summary>
    private static List<(int Index, ImageDecodeException Error)> EachFile(string[] files, Action<int> work, bool stopAtFirst)
    {
        var errors = new System.Collections.Concurrent.ConcurrentBag<(int Index, ImageDecodeException Error)>();
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, state) =>
        {
            try
            {
                work(i);
            }
            catch (ImageDecodeException ex)
            {
                errors.Add((i, ex));
                if (stopAtFirst)
                {
                    state.Break();
                }
            }
        });
        return [.. errors.OrderBy(e => e.Index)];
    }
}
