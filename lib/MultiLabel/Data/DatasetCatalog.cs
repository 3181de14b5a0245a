using MultiLabel.Augment;
using MultiLabel.Data.Downloads;
using MultiLabel.Data.Mnist;
using MultiLabel.Data.Shapes;
using MultiLabel.Data.Voc;
using MultiLabel.Registries;

namespace MultiLabel.Data;

/// <summary>
/// Loads a dataset by name with its splits and default transforms, so the CLI and a notebook make the same call:
/// <c>DatasetCatalog.Load(new DataSourceOptions("shapes"))</c>.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Every dataset, the default first. Adding a dataset is adding an entry here.</summary>
    public static Registry<DatasetEntry> Datasets { get; } = new("dataset",
    [
        new("shapes", "the embedded shapes images (no download; --count/--img-size generate them in memory)", Shapes,
            o => Transforms.FixedSize(o.ImageSize ?? ShapesOptions.Shipped.ImageSize)),
        new("mnist-multi", "several real MNIST digits per canvas; labels: the digits present (full MNIST once downloaded, else the shipped subset)", MultiMnist,
            o => Transforms.FixedSize(MnistCanvas(o))),
        new("voc2007", "PASCAL VOC 2007, 20 object classes, image-level labels from the boxes (downloads 900 MB)", Voc,
            o => Transforms.ImageNetEvaluation(VocSize(o))),
        new("folder", "your images: a folder and a label CSV with a split column (--data-dir, --labels)", Folder,
            o => Transforms.FixedSize(FolderSize(o))),
    ]);

    /// <summary>The dataset names <see cref="Load"/> knows.</summary>
    public static IReadOnlyList<string> Names => Datasets.Names;

    /// <summary>Loads the dataset described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name or an option that does not apply.</exception>
    /// <exception cref="DataFormatException">Bad label file or missing image.</exception>
    public static DataSplits Load(DataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Get(options).Load(options);
    }

    /// <summary>
    /// The transform that turns any image into the input this dataset's models expect: its evaluation transform, or
    /// a resize to its image size. <c>mlc predict</c> applies it to new images.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static ITransform InputTransform(DataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Get(options).InputTransform(options);
    }

    private static DatasetEntry Get(DataSourceOptions options) =>
        Datasets.TryGet(options.Name, out var entry)
            ? entry
            : throw new ArgumentException(Datasets.UnknownMessage(options.Name), nameof(options));

    private static int MnistCanvas(DataSourceOptions options) => options.ImageSize ?? 64;

    private static int VocSize(DataSourceOptions options) => options.ImageSize ?? 224;

    private static int FolderSize(DataSourceOptions options) => options.ImageSize ?? 64;

    private static DataSplits Shapes(DataSourceOptions options)
    {
        if (options.Count is not null || options.ImageSize is not null)
        {
            if (options.Directory is not null)
            {
                throw new ArgumentException("shapes: give either a folder to read or --count/--img-size to generate, not both.", nameof(options));
            }

            var generated = ShapesOptions.Shipped with
            {
                Count = options.Count ?? ShapesOptions.ShippedCount,
                ImageSize = options.ImageSize ?? ShapesOptions.Shipped.ImageSize,
            };
            var samples = ShapesGenerator.Generate(generated);
            return new DataSplits(
                "shapes", FormattableString.Invariant($"shapes generated in memory ({generated.Count} images, {generated.ImageSize} px, seed {generated.Seed})"),
                ShapesGenerator.ToDataset(samples, Split.Train), ShapesGenerator.ToDataset(samples, Split.Val), ShapesGenerator.ToDataset(samples, Split.Test),
                Transforms.ShapesTraining, null, []);
        }

        var folder = options.Directory ?? ShapesLocator.Locate(options.CacheDirectory);
        var table = ShapesFiles.ReadLabels(folder);
        var load = new ImageFolderOptions(options.OnBadImage, Preload: true);
        var train = ImageFolderDataset.Open(folder, table.OfSplit(Split.Train), load);
        var val = ImageFolderDataset.Open(folder, table.OfSplit(Split.Val), load);
        var test = ImageFolderDataset.Open(folder, table.OfSplit(Split.Test), load);
        return new DataSplits("shapes", $"shapes from {folder}", train, val, test, Transforms.ShapesTraining, null, [.. train.Skipped, .. val.Skipped, .. test.Skipped]);
    }

    private static DataSplits MultiMnist(DataSourceOptions options)
    {
        // The full set from the cache when `mlc data download mnist` put it there, else the shipped subset.
        var source = options.Directory is { } given ? new MnistSource(given, true, $"MNIST from {given}") : MnistLocator.Locate(options.CacheDirectory);
        var folder = source.Folder;
        var digits = MnistDigits.Load(folder);
        int total = options.Count ?? 10_000;
        int canvas = MnistCanvas(options);
        int valCount = Math.Max(1, total * 15 / 100), testCount = Math.Max(1, total * 15 / 100);
        int trainCount = Math.Max(1, total - valCount - testCount);
        // Training and validation images compose disjoint parts of MNIST's training file; test images compose its test file.
        int holdOut = Math.Max(1, digits.TrainImages.Count / 6);
        var trainSources = Enumerable.Range(0, digits.TrainImages.Count - holdOut).ToArray();
        var valSources = Enumerable.Range(digits.TrainImages.Count - holdOut, holdOut).ToArray();
        var testSources = Enumerable.Range(0, digits.TestImages.Count).ToArray();
        var train = new MultiMnistDataset(digits.TrainImages, digits.TrainLabels, trainSources, new MultiMnistOptions(trainCount, canvas, Seed: 1), "train");
        var val = new MultiMnistDataset(digits.TrainImages, digits.TrainLabels, valSources, new MultiMnistOptions(valCount, canvas, Seed: 2), "val");
        var test = new MultiMnistDataset(digits.TestImages, digits.TestLabels, testSources, new MultiMnistOptions(testCount, canvas, Seed: 3), "test");
        // Digits are not flip- or rotation-invariant (6 and 9): no augmentation by default.
        return new DataSplits("mnist-multi", $"multi-digit MNIST composed from {source.Description} ({canvas} px canvas)", train, val, test, null, null, []);
    }

    private static DataSplits Voc(DataSourceOptions options)
    {
        var root = Voc2007.FindRoot(options.Directory ?? Download("voc2007", options));
        int size = VocSize(options);
        var load = new ImageFolderOptions(options.OnBadImage);
        var train = ImageFolderDataset.Open(root, Voc2007.ReadLabels(root, "train", options.DropDifficult), load);
        var val = ImageFolderDataset.Open(root, Voc2007.ReadLabels(root, "val", options.DropDifficult), load);
        var test = ImageFolderDataset.Open(root, Voc2007.ReadLabels(root, "test", options.DropDifficult), load);
        return new DataSplits(
            "voc2007", $"PASCAL VOC 2007 from {root}{(options.DropDifficult ? " (difficult objects dropped)" : "")}", train, val, test,
            Transforms.ImageNetTraining(size), Transforms.ImageNetEvaluation(size), [.. train.Skipped, .. val.Skipped, .. test.Skipped]);
    }

    private static string Download(string name, DataSourceOptions options)
    {
        using var downloader = new Downloader(DataDirectory.Resolve(options.CacheDirectory), options.Offline);
        return downloader.Ensure(DownloadManifest.Embedded.Get(name));
    }

    private static DataSplits Folder(DataSourceOptions options)
    {
        var folder = options.Directory ?? throw new ArgumentException("folder: give the image folder (--data-dir) and a label file with a split column (--labels).", nameof(options));
        var labelFile = options.LabelFile ?? Path.Combine(folder, "labels.csv");
        var table = LabelFile.Read(labelFile);
        if (!table.HasSplits)
        {
            throw new DataFormatException(labelFile, null, "the label file needs a split column (train, val, test) to train from it.");
        }

        int size = FolderSize(options);
        var load = new ImageFolderOptions(options.OnBadImage);
        var train = ImageFolderDataset.Open(folder, table.OfSplit(Split.Train), load);
        var val = ImageFolderDataset.Open(folder, table.OfSplit(Split.Val), load);
        var test = ImageFolderDataset.Open(folder, table.OfSplit(Split.Test), load);
        return new DataSplits(
            "folder", $"images in {Path.GetFullPath(folder)} labelled by {labelFile}", train, val, test,
            new Compose(new Resize(size, size), new RandomHorizontalFlip()), new Resize(size, size), [.. train.Skipped, .. val.Skipped, .. test.Skipped]);
    }
}
