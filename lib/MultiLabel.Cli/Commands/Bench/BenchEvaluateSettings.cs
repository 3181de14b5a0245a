using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench evaluate</c>.</summary>
public sealed class BenchEvaluateSettings : CommandSettings
{
    /// <summary>Rows (images).</summary>
    [CommandOption("--rows <N>")]
    [Description("Images in the two CSV files.")]
    [DefaultValue(50_000)]
    public int Rows { get; init; } = 50_000;

    /// <summary>Columns (labels).</summary>
    [CommandOption("--labels <N>")]
    [Description("Labels (columns) in the two CSV files.")]
    [DefaultValue(80)]
    public int Labels { get; init; } = 80;

    /// <summary>Seed of the data.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of the random labels and scores.")]
    [DefaultValue(1L)]
    public long Seed { get; init; } = 1;

    /// <summary>Timed runs.</summary>
    [CommandOption("--repeat <N>")]
    [Description("Timed runs of each side; the table shows the median and the range.")]
    [DefaultValue(3)]
    public int Repeat { get; init; } = 3;

    /// <summary>Skip scikit-learn.</summary>
    [CommandOption("--no-sklearn")]
    [Description("Do not run scikit-learn on the same files (about 16 s a run on 2 cores).")]
    public bool NoSklearn { get; init; }

    /// <summary>Python interpreter.</summary>
    [CommandOption("--python <PATH>")]
    [Description("Python 3 with numpy and scikit-learn 1.2+ (Debian: apt-get install python3-sklearn).")]
    [DefaultValue("python3")]
    public string Python { get; init; } = "python3";

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Rows < 2 || Labels < 1 || Repeat < 1)
        {
            return ValidationResult.Error($"--rows must be at least 2, --labels and --repeat at least 1 (got {Rows}, {Labels}, {Repeat}).");
        }

        return (long)Rows * Labels > 50_000_000
            ? ValidationResult.Error($"--rows x --labels must be at most 50,000,000 (got {(long)Rows * Labels:N0}).")
            : ValidationResult.Success();
    }
}
