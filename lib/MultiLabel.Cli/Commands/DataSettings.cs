using System.ComponentModel;
using MultiLabel.Data;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// The data options shared by every command that reads a dataset (train, bench, data stats). They are the data part of
/// a <see cref="TrainingRecipe"/> plus the machine's <see cref="MachineOptions"/>: the library validates them and
/// <see cref="OptionFlags"/> names the flag of a bad one.
/// </summary>
public class DataSettings : CommandSettings
{
    /// <summary>Dataset name.</summary>
    [CommandOption("--data <NAME>")]
    [RegistryDescription(typeof(DatasetCatalog), nameof(DatasetCatalog.Datasets), "Dataset")]
    public string Data { get; init; } = DatasetCatalog.Datasets.Default.Name;

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
    public string? CacheDirectory { get; init; }

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
    [RegistryDescription(typeof(AugmentationCatalog), nameof(AugmentationCatalog.Augmentations), "Training augmentation")]
    public string Augment { get; init; } = AugmentationCatalog.Augmentations.Default.Name;

    /// <summary>The bad-image policy as an enum (null: not a policy name).</summary>
    public BadImagePolicy? BadImagePolicy => OnBadImage.Trim().ToLowerInvariant() switch
    {
        "fail" => MultiLabel.Data.BadImagePolicy.Fail,
        "skip" => MultiLabel.Data.BadImagePolicy.Skip,
        _ => null,
    };

    /// <summary>The options for <see cref="DatasetCatalog.Load"/>.</summary>
    public DataSourceOptions ToDataSourceOptions() => ToRecipe().ToDataSourceOptions(ToMachine());

    /// <summary>The recipe these options describe (the data part here; derived settings add theirs), names in canonical spelling.</summary>
    public virtual TrainingRecipe ToRecipe() => new TrainingRecipe
    {
        Data = Data,
        DataDir = DataDir is null ? null : Path.GetFullPath(DataDir),
        Labels = Labels is null ? null : Path.GetFullPath(Labels),
        Count = Count,
        ImageSize = ImageSize,
        OnBadImage = BadImagePolicy ?? MultiLabel.Data.BadImagePolicy.Fail,
        DropDifficult = DropDifficult,
        Augment = Augment,
    }.Canonical();

    /// <summary>Where the command runs (derived settings add the device).</summary>
    public virtual MachineOptions ToMachine() => new(Workers: Workers, CacheDirectory: CacheDirectory, Offline: Offline);

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (BadImagePolicy is null)
        {
            return ValidationResult.Error($"--on-bad-image must be fail or skip (got '{OnBadImage}').");
        }

        return OptionFlags.Check([.. ToRecipe().Problems(), .. ToMachine().Problems()]);
    }
}
