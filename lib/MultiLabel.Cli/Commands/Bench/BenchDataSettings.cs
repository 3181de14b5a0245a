using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench data</c>.</summary>
public sealed class BenchDataSettings : CommandSettings
{
    /// <summary>Images per throughput measurement.</summary>
    [CommandOption("--images <N>")]
    [Description("Images decoded and augmented per throughput measurement.")]
    [DefaultValue(2048)]
    public int Images { get; init; } = 2048;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch (the train default).")]
    [DefaultValue(64)]
    public int BatchSize { get; init; } = 64;

    /// <summary>Training batches per wait measurement.</summary>
    [CommandOption("--train-batches <N>")]
    [Description("Training steps per data-wait measurement (0 skips it).")]
    [DefaultValue(30)]
    public int TrainBatches { get; init; } = 30;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Images < 1 ? ValidationResult.Error("--images must be at least 1.")
        : BatchSize < 1 ? ValidationResult.Error("--batch-size must be at least 1.")
        : TrainBatches < 0 ? ValidationResult.Error("--train-batches must be >= 0.")
        : ValidationResult.Success();
}
