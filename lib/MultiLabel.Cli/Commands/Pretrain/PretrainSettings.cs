using System.ComponentModel;
using MultiLabel.Data.Shapes;
using MultiLabel.Models.Pretraining;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Pretrain;

/// <summary>Options of <c>mlc pretrain</c>; the defaults are those of the shipped backbone.</summary>
public sealed class PretrainSettings : CommandSettings
{
    private static readonly BackbonePretrainingOptions Shipped = new();

    /// <summary>The weight file to write.</summary>
    [CommandOption("--out <FILE>")]
    [Description("Weight file to write (TorchSharp format), with FILE.sha256 beside it (required), e.g. data/pretrained/mini-resnet-shapes.bin.")]
    public string? Out { get; init; }

    /// <summary>Source images.</summary>
    [CommandOption("--images <N>")]
    [Description("Single-shape source images to train on, generated in memory.")]
    [DefaultValue(12_000)]
    public int Images { get; init; } = Shipped.Images;

    /// <summary>Held-out source images.</summary>
    [CommandOption("--val-images <N>")]
    [Description("Further source images whose accuracy is printed after every epoch (0: none).")]
    [DefaultValue(1_000)]
    public int ValImages { get; init; } = Shipped.ValImages;

    /// <summary>The source task.</summary>
    [CommandOption("--task <TASK>")]
    [Description("What each source image's one class is: shape (which of the 6 kinds), texture (which of the 4 backgrounds) or shape-and-texture (24 pairs).")]
    [DefaultValue("shape")]
    public string Task { get; init; } = "shape";

    /// <summary>Epochs.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Passes over the source images.")]
    [DefaultValue(5)]
    public int Epochs { get; init; } = Shipped.Epochs;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch.")]
    [DefaultValue(64)]
    public int BatchSize { get; init; } = Shipped.BatchSize;

    /// <summary>Peak learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Peak learning rate (one-cycle, AdamW).")]
    [DefaultValue(3e-3)]
    public double LearningRate { get; init; } = Shipped.LearningRate;

    /// <summary>Seed of the weights, order and augmentation.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seeds the initial weights, data order and augmentation: the same options give a byte-identical file on the same CPU.")]
    [DefaultValue(0L)]
    public long Seed { get; init; } = Shipped.Seed;

    /// <summary>Seed of the source images.</summary>
    [CommandOption("--data-seed <N>")]
    [Description("Seed of the generated source images.")]
    [DefaultValue(606L)]
    public long DataSeed { get; init; } = Shipped.DataSeed;

    /// <summary>The source task as an enum.</summary>
    public SingleShapeLabel Label => Task.Trim().ToLowerInvariant() switch
    {
        "shape" => SingleShapeLabel.Shape,
        "texture" => SingleShapeLabel.Texture,
        "shape-and-texture" => SingleShapeLabel.ShapeAndTexture,
        _ => throw new UsageException($"--task must be shape, texture or shape-and-texture (got '{Task}')."),
    };

    /// <summary>The library options these settings describe.</summary>
    public BackbonePretrainingOptions ToOptions() => Shipped with
    {
        Images = Images,
        ValImages = ValImages,
        Label = Label,
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        Seed = Seed,
        DataSeed = DataSeed,
    };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out is required: the weight file to write (e.g. --out data/pretrained/mini-resnet-shapes.bin).");
        }

        if (Task.Trim().ToLowerInvariant() is not ("shape" or "texture" or "shape-and-texture"))
        {
            return ValidationResult.Error($"--task must be shape, texture or shape-and-texture (got '{Task}').");
        }

        if (Images is < 1 or > 1_000_000 || ValImages is < 0 or > 1_000_000)
        {
            return ValidationResult.Error($"--images must be 1 to 1,000,000 and --val-images 0 to 1,000,000 (got {Images} and {ValImages}).");
        }

        if (Epochs < 1 || BatchSize < 1 || BatchSize > Images)
        {
            return ValidationResult.Error($"--epochs must be at least 1 and --batch-size between 1 and --images (got {Epochs} and {BatchSize}).");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            return ValidationResult.Error($"--lr must be a positive number (got {LearningRate}).");
        }

        return ValidationResult.Success();
    }
}
