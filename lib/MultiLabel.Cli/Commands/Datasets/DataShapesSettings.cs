using System.ComponentModel;
using MultiLabel.Data.Shapes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Datasets;

/// <summary>Options of <c>mlc data shapes</c>.</summary>
public sealed class DataShapesSettings : CommandSettings
{
    /// <summary>Output folder.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Folder to write images/, labels.csv and README.md into (required).")]
    public string? Out { get; init; }

    /// <summary>Number of images.</summary>
    [CommandOption("--count <N>")]
    [Description("Number of images over all splits.")]
    [DefaultValue(ShapesOptions.ShippedCount)]
    public int Count { get; init; } = ShapesOptions.ShippedCount;

    /// <summary>Seed.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed: the same seed and count give byte-identical files.")]
    [DefaultValue(ShapesOptions.ShippedSeed)]
    public long Seed { get; init; } = ShapesOptions.ShippedSeed;

    /// <summary>Image size.</summary>
    [CommandOption("--img-size <PIXELS>")]
    [Description("Image width and height in pixels.")]
    [DefaultValue(64)]
    public int ImageSize { get; init; } = 64;

    /// <summary>The generator options.</summary>
    public ShapesOptions ToOptions() => ShapesOptions.Shipped with { Count = Count, Seed = Seed, ImageSize = ImageSize };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out is required: the folder to write the dataset into (e.g. --out data/shapes).");
        }

        if (Count is < 1 or > 1_000_000)
        {
            return ValidationResult.Error($"--count must be between 1 and 1,000,000 (got {Count}).");
        }

        if (ImageSize is < 24 or > 512)
        {
            return ValidationResult.Error($"--img-size must be between 24 and 512 (got {ImageSize}).");
        }

        return ValidationResult.Success();
    }
}
