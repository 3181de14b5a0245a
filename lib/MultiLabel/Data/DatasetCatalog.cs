using MultiLabel.Augment;
using MultiLabel.Data.Shapes;

namespace MultiLabel.Data;

/// <summary>
/// Loads a dataset by name with its splits and default transforms, so the CLI and a notebook make the same call:
/// <c>DatasetCatalog.Load(new DataSourceOptions("shapes"))</c>.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>The dataset names <see cref="Load"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["shapes", "mnist-multi", "voc2007", "folder"];

    /// <summary>Loads the dataset described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name or an option that does not apply.</exception>
    /// <exception cref="DataFormatException">Bad label file or missing image.</exception>
    public static DataSplits Load(DataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Name.Trim().ToLowerInvariant() switch
        {
            "shapes" => Shapes(options),
            "folder" => Folder(options),
            _ => throw new ArgumentException($"Unknown dataset '{options.Name}'; known: {string.Join(", ", Names)}.", nameof(options)),
        };
    }

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

    private static DataSplits Folder(DataSourceOptions options)
    {
        var folder = options.Directory ?? throw new ArgumentException("folder: give the image folder (--data-dir) and a label file with a split column (--labels).", nameof(options));
        var labelFile = options.LabelFile ?? Path.Combine(folder, "labels.csv");
        var table = LabelFile.Read(labelFile);
        if (!table.HasSplits)
        {
            throw new DataFormatException(labelFile, null, "the label file needs a split column (train, val, test) to train from it.");
        }

        int size = options.ImageSize ?? 64;
        var load = new ImageFolderOptions(options.OnBadImage);
        var train = ImageFolderDataset.Open(folder, table.OfSplit(Split.Train), load);
        var val = ImageFolderDataset.Open(folder, table.OfSplit(Split.Val), load);
        var test = ImageFolderDataset.Open(folder, table.OfSplit(Split.Test), load);
        return new DataSplits(
            "folder", $"images in {Path.GetFullPath(folder)} labelled by {labelFile}", train, val, test,
            new Compose(new Resize(size, size), new RandomHorizontalFlip()), new Resize(size, size), [.. train.Skipped, .. val.Skipped, .. test.Skipped]);
    }
}
