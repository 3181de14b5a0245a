using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc evaluate</c>.</summary>
public sealed class EvaluateSettings : CommandSettings
{
    /// <summary>True labels CSV.</summary>
    [CommandOption("--labels <FILE>")]
    [Description("CSV of true labels: a header row of label names, then one row of 0/1 per image.")]
    public string? Labels { get; init; }

    /// <summary>Scores CSV.</summary>
    [CommandOption("--scores <FILE>")]
    [Description("CSV of scores with the same header and rows: probabilities in [[0, 1]] (or logits with --logits).")]
    public string? Scores { get; init; }

    /// <summary>One threshold for all labels.</summary>
    [CommandOption("--threshold <P>")]
    [Description("Probability at which a label counts as predicted, for every label (default 0.5).")]
    public double? Threshold { get; init; }

    /// <summary>Per-label thresholds file.</summary>
    [CommandOption("--thresholds <FILE>")]
    [Description("Per-label thresholds: CSV 'label,threshold' (or JSON {\"thresholds\": {...}}), e.g. tuned on validation data.")]
    public string? Thresholds { get; init; }

    /// <summary>Scores are logits.</summary>
    [CommandOption("--logits")]
    [Description("The scores are raw logits; thresholds stay probabilities.")]
    public bool Logits { get; init; }

    /// <summary>JSON output.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object instead of tables.")]
    public bool Json { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Labels) || string.IsNullOrWhiteSpace(Scores))
        {
            return ValidationResult.Error("Both --labels and --scores are required.");
        }

        if (Threshold is not null && Thresholds is not null)
        {
            return ValidationResult.Error("Give either --threshold or --thresholds, not both.");
        }

        if (Threshold is double t && !(t >= 0 && t <= 1))
        {
            return ValidationResult.Error($"--threshold must be a probability in [0, 1] (got {t}).");
        }

        return ValidationResult.Success();
    }
}
