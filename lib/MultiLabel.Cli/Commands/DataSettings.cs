using System.ComponentModel;
using MultiLabel.Augment;
using MultiLabel.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>The data options shared by every command that reads a dataset (train, and later evaluate, predict, bench).</summary>
public class DataSettings : CommandSettings
{
    /// <summary>Dataset name.</summary>
    [CommandOption("--data <NAME>")]
    [Description("Dataset: shapes (embedded, default), mnist-multi, voc2007 or folder.")]
    [DefaultValue("shapes")]
    public string Data { get; init; } = "shapes";

    /// <summary>Dataset folder.</summary>
    [CommandOption("--data-dir <DIR>")]
    [Description("shapes: a shapes folder; mnist-multi: the four MNIST IDX files; voc2007: VOC2007 or a folder above it; folder: the images.")]
    public string? DataDir { get; init; }

    /// <summary>Label file of a folder dataset.</summary>
    [CommandOption("--labels <CSV>")]
    [Description("folder: the label CSV with a split column (default: labels.csv in --data-dir).")]
    public string? Labels { get; init; }

    /// <summary>Number of images to generate.</summary>
    [CommandOption("--count <N>")]
    [Description("shapes: generate N images in memory instead of reading the shipped files; mnist-multi: images over all splits.")]
    public int? Count { get; init; }

    /// <summary>Image size.</summary>
    [CommandOption("--img-size <PIXELS>")]
    [Description("shapes: generated image size (generates in memory); mnist-multi: canvas size; voc2007, folder: resize to this size.")]
    public int? ImageSize { get; init; }

    /// <summary>Bad image policy.</summary>
    [CommandOption("--on-bad-image <POLICY>")]
    [Description("fail (default): stop at a missing or corrupt image; skip: leave it out and report it.")]
    [DefaultValue("fail")]
    public string OnBadImage { get; init; } = "fail";

    /// <summary>Cache folder.</summary>
    [CommandOption("--cache-dir <DIR>")]
    [Description("Download and generation cache (default: $MLC_DATA_DIR, else ~/.cache/mlc).")]
    public string? CacheDir { get; init; }

    /// <summary>VOC difficult objects.</summary>
    [CommandOption("--drop-difficult")]
    [Description("voc2007: ignore objects marked difficult.")]
    public bool DropDifficult { get; init; }

    /// <summary>No downloads.</summary>
    [CommandOption("--offline")]
    [Description("Never download; a missing dataset is an error that lists the files to place by hand.")]
    public bool Offline { get; init; }

    /// <summary>Loader workers.</summary>
    [CommandOption("--workers <N>")]
    [Description("Background threads that decode and augment the next batches (0: on the training thread).")]
    [DefaultValue(1)]
    public int Workers { get; init; } = 1;

    /// <summary>Training augmentation.</summary>
    [CommandOption("--augment <NAME>")]
    [Description("Training augmentation: auto (the dataset's default), none or shapes.")]
    [DefaultValue("auto")]
    public string Augment { get; init; } = "auto";

    /// <summary>The bad-image policy as an enum.</summary>
    public BadImagePolicy BadImagePolicy => OnBadImage.Trim().Equals("skip", StringComparison.OrdinalIgnoreCase) ? BadImagePolicy.Skip : BadImagePolicy.Fail;

    /// <summary>The options for <see cref="DatasetCatalog.Load"/>.</summary>
    public DataSourceOptions ToDataSourceOptions() =>
        new(Data.Trim().ToLowerInvariant(), DataDir, Labels, Count, ImageSize, BadImagePolicy, CacheDir, DropDifficult, Offline);


    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (!DatasetCatalog.Names.Contains(Data.Trim().ToLowerInvariant()))
        {
            return ValidationResult.Error($"--data must be one of {string.Join(", ", DatasetCatalog.Names)} (got '{Data}').");
        }

        if (OnBadImage.Trim().ToLowerInvariant() is not ("fail" or "skip"))
        {
            return ValidationResult.Error($"--on-bad-image must be fail or skip (got '{OnBadImage}').");
        }

        if (Count is < 20)
        {
            return ValidationResult.Error($"--count must be at least 20 (got {Count}).");
        }

        if (ImageSize is < 24 or > 512)
        {
            return ValidationResult.Error($"--img-size must be between 24 and 512 (got {ImageSize}).");
        }

        if (Workers is < 0 or > 64)
        {
            return ValidationResult.Error($"--workers must be between 0 and 64 (got {Workers}).");
        }

        var augment = Augment.Trim().ToLowerInvariant();
        if (augment != "auto" && !Transforms.Names.Contains(augment))
        {
            return ValidationResult.Error($"--augment must be auto, {string.Join(", ", Transforms.Names)} (got '{Augment}').");
        }

        return ValidationResult.Success();
    }
}
