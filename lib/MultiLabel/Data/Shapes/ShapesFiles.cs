using MultiLabel.Imaging;
using MultiLabel.Training;

namespace MultiLabel.Data.Shapes;

/// <summary>What <see cref="ShapesFiles.Write"/> produced.</summary>
/// <param name="Folder">The dataset folder (full path).</param>
/// <param name="Images">Number of images written.</param>
/// <param name="ImageBytes">Total size of the PNG files.</param>
public sealed record ShapesWriteResult(string Folder, int Images, long ImageBytes);

/// <summary>
/// The shapes dataset on disk: <c>images/shapes_NNNNN.png</c>, <c>labels.csv</c> (<c>fname,labels,split</c>, labels
/// space-separated, file names relative to the folder) and the datasheet <c>README.md</c>. The same options always
/// write byte-identical files.
/// </summary>
public static class ShapesFiles
{
    /// <summary>Sub-folder of the images.</summary>
    public const string ImagesFolder = "images";

    /// <summary>The label file.</summary>
    public const string LabelsFileName = "labels.csv";

    /// <summary>The datasheet.</summary>
    public const string DatasheetFileName = "README.md";

    /// <summary>
    /// Generates the dataset into <paramref name="folder"/>. The label file is removed first and written last, so
    /// an interrupted run leaves a folder without labels.csv rather than labels that disagree with the images.
    /// Stale <c>shapes_*.png</c> files from a larger earlier run are deleted.
    /// </summary>
    public static ShapesWriteResult Write(ShapesOptions options, string folder, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        options.Validate();
        var root = Path.GetFullPath(folder);
        var images = Path.Combine(root, ImagesFolder);
        Directory.CreateDirectory(images);
        var labels = Path.Combine(root, LabelsFileName);
        File.Delete(labels);

        var descriptions = new ShapesDescription[options.Count];
        long bytes = 0;
        int done = 0;
        Parallel.For(0, options.Count, i =>
        {
            var sample = ShapesGenerator.GenerateOne(options, i);
            var png = PngCodec.Encode(sample.Pixels, sample.Size, sample.Size);
            File.WriteAllBytes(Path.Combine(images, sample.Name), png);
            descriptions[i] = new ShapesDescription(sample.Name, sample.Shapes, sample.Split);
            Interlocked.Add(ref bytes, png.Length);
            progress?.Report(Interlocked.Increment(ref done));
        });

        var names = descriptions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(images, "shapes_*.png").Where(f => !names.Contains(Path.GetFileName(f))).ToList())
        {
            File.Delete(stale);
        }

        LabelFile.WriteSpaceSeparated(labels, descriptions.Select(Row), includeSplit: true);
        var table = LabelFile.Read(labels, ShapesGenerator.Labels);
        AtomicFile.WriteAllText(Path.Combine(root, DatasheetFileName), ShapesDatasheet.Render(options, table, bytes));
        return new ShapesWriteResult(root, options.Count, bytes);
    }

    /// <summary>The label-file row of an image: its path relative to the dataset folder, labels and split.</summary>
    public static LabelRow Row(ShapesDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new LabelRow($"{ImagesFolder}/{description.Name}", description.LabelNames, description.Split, 0);
    }

    /// <summary>Reads the label file of a dataset folder (vocabulary fixed to the shapes labels).</summary>
    /// <exception cref="DataFormatException">The label file is missing or malformed.</exception>
    public static LabelTable ReadLabels(string folder) => LabelFile.Read(Path.Combine(folder, LabelsFileName), ShapesGenerator.Labels);

    /// <summary>Opens one split of a dataset folder; by default the images are decoded once and kept in memory.</summary>
    /// <exception cref="DataFormatException">The label file is missing or malformed, or an image is missing.</exception>
    public static ImageFolderDataset Open(string folder, Split split, ImageFolderOptions? options = null) =>
        ImageFolderDataset.Open(folder, ReadLabels(folder).OfSplit(split), options ?? new ImageFolderOptions(Preload: true));
}
