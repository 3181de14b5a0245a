using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc release</c>.</summary>
public sealed class ReleaseSettings : CommandSettings
{
    /// <summary>The notebooks folder.</summary>
    [CommandOption("--notebooks <DIR>")]
    [Description("Folder of the lesson notebooks (default: notebooks/ of the repository above the current folder).")]
    public string? Notebooks { get; init; }

    /// <summary>Where the lessons are written.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Folder the lessons (and setup.csx, setup-library.csx, README.md) are written to; required, never notebooks/ itself.")]
    public string? Out { get; init; }

    /// <summary>Model answers filled in.</summary>
    [CommandOption("--solutions")]
    [Description("Fill every exercise region with its model answer: the instructor's copy. Without it: the released form learners get.")]
    public bool Solutions { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out DIR is required.") : ValidationResult.Success();
}
