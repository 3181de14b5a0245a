using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc report</c>.</summary>
public sealed class ReportSettings : CommandSettings
{
    /// <summary>The run folder.</summary>
    [CommandOption("--run <DIR>")]
    [Description("Run folder written by mlc train (it holds predictions.csv).")]
    public string? Run { get; init; }

    /// <summary>Output path.</summary>
    [CommandOption("--out <FILE>")]
    [Description("Where to write the report (default: report.html in the run folder).")]
    public string? Out { get; init; }

    /// <summary>Per-label thresholds file.</summary>
    [CommandOption("--thresholds <FILE>")]
    [Description("Per-label thresholds (CSV or JSON; default: the run's thresholds.csv, else its threshold).")]
    public string? Thresholds { get; init; }

    /// <summary>Image folder for thumbnails.</summary>
    [CommandOption("--images <DIR>")]
    [Description("Folder of PNG images named as in predictions.csv, for thumbnails (default: the run's thumbnails/).")]
    public string? Images { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run is required.") : ValidationResult.Success();
}
