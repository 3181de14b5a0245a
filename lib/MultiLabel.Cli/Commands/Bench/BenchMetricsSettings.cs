using MultiLabel.Cli.Commands;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench metrics</c>.</summary>
public sealed class BenchMetricsSettings : CommandSettings
{
    /// <summary>Rows (images).</summary>
    [CommandOption("--rows <N>")]
    [Description("Images in the random data.")]
    [DefaultValue(200_000)]
    public int Rows { get; init; } = 200_000;

    /// <summary>Columns (labels).</summary>
    [CommandOption("--labels <N>")]
    [Description("Labels in the random data.")]
    [DefaultValue(80)]
    public int Labels { get; init; } = 80;

    /// <summary>Seed of the data.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of the random labels and scores.")]
    [DefaultValue(1L)]
    public long Seed { get; init; } = 1;

    /// <summary>Batch size of the streaming measurement.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Batch size of the streaming (batch by batch) measurement.")]
    [DefaultValue(4096)]
    public int BatchSize { get; init; } = 4096;

    /// <summary>Timed repetitions.</summary>
    [CommandOption("--repeat <N>")]
    [Description("Timed runs of each measurement; the table shows the fastest.")]
    [DefaultValue(3)]
    public int Repeat { get; init; } = 3;

    /// <summary>Device.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description(DeviceOption.Description)]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    /// <summary>Skip scikit-learn.</summary>
    [CommandOption("--no-sklearn")]
    [Description("Do not run scikit-learn on the same data (it takes about a minute or more).")]
    public bool NoSklearn { get; init; }

    /// <summary>Python interpreter.</summary>
    [CommandOption("--python <PATH>")]
    [Description("Python 3 with scikit-learn 1.2+ (Debian: apt-get install python3-sklearn).")]
    [DefaultValue("python3")]
    public string Python { get; init; } = "python3";

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (DeviceOption.Validate(Device) is { } deviceError)
        {
            return ValidationResult.Error(deviceError);
        }

        if (Rows < 2 || Labels < 1)
        {
            return ValidationResult.Error($"--rows must be at least 2 and --labels at least 1 (got {Rows} and {Labels}).");
        }

        if ((long)Rows * Labels > 200_000_000)
        {
            return ValidationResult.Error($"--rows x --labels must be at most 200,000,000 (got {(long)Rows * Labels:N0}).");
        }

        if (BatchSize < 1 || Repeat < 1)
        {
            return ValidationResult.Error("--batch-size and --repeat must be at least 1.");
        }

        return ValidationResult.Success();
    }
}
