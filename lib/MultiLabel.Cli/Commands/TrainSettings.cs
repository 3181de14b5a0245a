using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc train</c>.</summary>
public sealed class TrainSettings : DataSettings
{
    /// <summary>Training epochs.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Passes over the training data.")]
    [DefaultValue(15)]
    public int Epochs { get; init; } = 15;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch.")]
    [DefaultValue(64)]
    public int BatchSize { get; init; } = 64;

    /// <summary>Peak learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Peak learning rate (AdamW, one-cycle schedule).")]
    [DefaultValue(3e-3)]
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Seed of everything random.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of weights, data order and augmentation: the same seed repeats the run on CPU.")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    /// <summary>Device name.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA when available), cpu, cuda or cuda:N.")]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    /// <summary>Output folder.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Run folder for summary.json, checkpoint and history (default: runs/<timestamp>).")]
    public string? Out { get; init; }

    /// <summary>Network width.</summary>
    [CommandOption("--width <N>")]
    [Description("Channels of the CNN's first block (doubles per block).")]
    [DefaultValue(16)]
    public int Width { get; init; } = 16;

    /// <summary>Network depth.</summary>
    [CommandOption("--depth <N>")]
    [Description("Convolution blocks of the CNN (each halves the resolution).")]
    [DefaultValue(4)]
    public int Depth { get; init; } = 4;

    /// <summary>Quiet mode.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output; only the final table.")]
    public bool Quiet { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var data = base.Validate();
        if (!data.Successful)
        {
            return data;
        }

        if (Epochs < 1)
        {
            return ValidationResult.Error($"--epochs must be at least 1 (got {Epochs}).");
        }

        if (BatchSize < 1)
        {
            return ValidationResult.Error($"--batch-size must be at least 1 (got {BatchSize}).");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            return ValidationResult.Error($"--lr must be a positive number (got {LearningRate}).");
        }

        if (Depth is < 1 or > 6)
        {
            return ValidationResult.Error($"--depth must be between 1 and 6 (got {Depth}).");
        }

        if (Width < 1)
        {
            return ValidationResult.Error($"--width must be at least 1 (got {Width}).");
        }

        var device = Device.Trim().ToLowerInvariant();
        if (device is not ("auto" or "cpu" or "cuda") && !System.Text.RegularExpressions.Regex.IsMatch(device, "^cuda:[0-9]+$"))
        {
            return ValidationResult.Error($"--device must be auto, cpu, cuda or cuda:N (got '{Device}').");
        }

        return ValidationResult.Success();
    }
}
