using System.ComponentModel;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc doctor</c>.</summary>
public sealed class DoctorSettings : CommandSettings
{
    /// <summary>JSON output.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object {\"healthy\", \"checks\": [[{\"name\", \"status\", \"detail\", \"fix\"}]]} instead of the table.")]
    public bool Json { get; init; }

    /// <summary>Cache folder.</summary>
    [CommandOption("--cache-dir <DIR>")]
    [Description("Data cache to check (default: $MLC_DATA_DIR, else ~/.cache/mlc).")]
    public string? CacheDirectory { get; init; }
}
