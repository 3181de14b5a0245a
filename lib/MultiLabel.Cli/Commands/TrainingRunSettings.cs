using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options shared by <c>mlc train</c> and <c>mlc bench train</c>: the data options, batch size and small-cnn size.</summary>
public abstract class TrainingRunSettings : DataSettings
{
    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch.")]
    [DefaultValue(TrainConfig.DefaultBatchSize)]
    public int BatchSize { get; init; } = TrainConfig.DefaultBatchSize;

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
        var data = base.Validate();
        if (!data.Successful)
        {
            return data;
        }

        if (BatchSize < 1)
        {
            return ValidationResult.Error($"--batch-size must be at least 1 (got {BatchSize}).");
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
