using System.ComponentModel;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc export-apps</c>.</summary>
public sealed class ExportAppsSettings : CommandSettings
{
    /// <summary>The notebooks folder.</summary>
    [CommandOption("--notebooks <DIR>")]
    [Description("Folder of the lesson notebooks (default: notebooks/ of the repository above the current folder).")]
    public string? Notebooks { get; init; }

    /// <summary>The apps folder.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Folder the apps are written to (default: apps/ beside the notebooks folder).")]
    public string? Out { get; init; }

    /// <summary>Compare only.</summary>
    [CommandOption("--check")]
    [Description("Write nothing: exit 1 when an app in --out differs from a fresh export (CI uses it).")]
    public bool Check { get; init; }

    /// <summary>Model answers filled in.</summary>
    [CommandOption("--solutions")]
    [Description("Fill every exercise region with its model answer (the instructor's copy); use with --out, never over apps/.")]
    public bool Solutions { get; init; }
}
