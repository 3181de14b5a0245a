using System.ComponentModel;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench</c> (every benchmark).</summary>
public sealed class BenchAllSettings : CommandSettings
{
    /// <summary>Markdown report.</summary>
    [CommandOption("--markdown <FILE>")]
    [Description("Also write the results with the machine description as Markdown (e.g. docs/benchmarks.md), atomically.")]
    public string? Markdown { get; init; }

    /// <summary>Smaller sizes.</summary>
    [CommandOption("--quick")]
    [Description("Smaller data and fewer runs (a few minutes): for trying the harness, not for the figures.")]
    public bool Quick { get; init; }
}
