using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options shared by <c>mlc train</c> and <c>mlc bench train</c>: batch size, generated data and small-cnn size.</summary>
public abstract class ShapesCnnSettings : CommandSettings
{
    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch.")]
    [DefaultValue(TrainConfig.DefaultBatchSize)]
    public int BatchSize { get; init; } = TrainConfig.DefaultBatchSize;

    /// <summary>Number of generated images.</summary>
    [CommandOption("--count <N>")]
    [Description("Images in the generated shapes dataset (all splits).")]
    [DefaultValue(TrainConfig.DefaultCount)]
    public int Count { get; init; } = TrainConfig.DefaultCount;

    /// <summary>Network width.</summary>
    [CommandOption("--width <N>")]
    [Description("small-cnn: channels of the first block (doubles per block).")]
    [DefaultValue(TrainConfig.DefaultWidth)]
    public int Width { get; init; } = TrainConfig.DefaultWidth;

    /// <summary>Network depth.</summary>
    [CommandOption("--depth <N>")]
    [Description("small-cnn: convolution blocks (each halves the resolution).")]
    [DefaultValue(TrainConfig.DefaultDepth)]
    public int Depth { get; init; } = TrainConfig.DefaultDepth;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (BatchSize < 1)
        {
            return ValidationResult.Error($"--batch-size must be at least 1 (got {BatchSize}).");
        }

        if (Count < 20)
        {
            return ValidationResult.Error($"--count must be at least 20 (got {Count}).");
        }

        if (Depth is < 1 or > 6)
        {
            return ValidationResult.Error($"--depth must be between 1 and 6 (got {Depth}).");
        }

        if (Width < 1)
        {
            return ValidationResult.Error($"--width must be at least 1 (got {Width}).");
        }

        return ValidationResult.Success();
    }
}
