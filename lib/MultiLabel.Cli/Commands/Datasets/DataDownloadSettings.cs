using System.ComponentModel;
using MultiLabel.Data.Downloads;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Datasets;

/// <summary>Options of <c>mlc data download</c>.</summary>
public sealed class DataDownloadSettings : CommandSettings
{
    /// <summary>What to download.</summary>
    [CommandArgument(0, "<NAME>")]
    [Description("mnist, voc2007 or resnet18 (see data/downloads.json).")]
    public string Name { get; init; } = "";

    /// <summary>Cache folder.</summary>
    [CommandOption("--cache-dir <DIR>")]
    [Description("Download cache (default: $MLC_DATA_DIR, else ~/.cache/mlc).")]
    public string? CacheDirectory { get; init; }

    /// <summary>No network.</summary>
    [CommandOption("--offline")]
    [Description("Only check the cache; list the files to place by hand when some are missing.")]
    public bool Offline { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        DownloadManifest.Embedded.Datasets.ContainsKey(Name.Trim().ToLowerInvariant())
            ? ValidationResult.Success()
            : ValidationResult.Error($"Unknown download '{Name}'; known: {string.Join(", ", DownloadManifest.Embedded.Datasets.Keys.Order(StringComparer.Ordinal))}.");
}
