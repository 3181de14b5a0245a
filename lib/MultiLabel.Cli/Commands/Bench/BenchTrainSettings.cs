using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench train</c>.</summary>
public sealed class BenchTrainSettings : CommandSettings
{
    /// <summary>Measured epochs of each loop.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Measured epochs of the bare loop and of the trainer (at least 2).")]
    [DefaultValue(3)]
    public int Epochs { get; init; } = 3;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch.")]
    [DefaultValue(TrainConfig.DefaultBatchSize)]
    public int BatchSize { get; init; } = TrainConfig.DefaultBatchSize;

    /// <summary>Generated images.</summary>
    [CommandOption("--count <N>")]
    [Description("Images in the generated shapes dataset (all splits).")]
    [DefaultValue(TrainConfig.DefaultCount)]
    public int Count { get; init; } = TrainConfig.DefaultCount;

    /// <summary>Network width.</summary>
    [CommandOption("--width <N>")]
    [Description("small-cnn width.")]
    [DefaultValue(TrainConfig.DefaultWidth)]
    public int Width { get; init; } = TrainConfig.DefaultWidth;

    /// <summary>Network depth.</summary>
    [CommandOption("--depth <N>")]
    [Description("small-cnn depth.")]
    [DefaultValue(TrainConfig.DefaultDepth)]
    public int Depth { get; init; } = TrainConfig.DefaultDepth;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Epochs < 2)
        {
            return ValidationResult.Error($"--epochs must be at least 2 (got {Epochs}).");
        }

        if (BatchSize < 1 || Count < 20 || Width < 1 || Depth is < 1 or > 6)
        {
            return ValidationResult.Error("--batch-size and --width must be >= 1, --count >= 20, --depth in 1..6.");
        }

        return ValidationResult.Success();
    }
}
