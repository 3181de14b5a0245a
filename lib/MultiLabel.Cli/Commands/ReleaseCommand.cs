using MultiLabel.Grading.Release;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc release</c>: every lesson in the released form or as the instructor's copy (<see cref="CourseRelease"/>).</summary>
public sealed class ReleaseCommand(IAnsiConsole console) : Command<ReleaseSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ReleaseSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var notebooks = CourseNotebooks.Resolve(settings.Notebooks);
        var outDir = Path.GetFullPath(settings.Out!);
        if (outDir.TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(notebooks).TrimEnd(Path.DirectorySeparatorChar))
        {
            throw new UsageException("--out must not be the notebooks folder itself: it holds the released form, committed.");
        }

        var written = CourseRelease.Write(notebooks, outDir, settings.Solutions);
        console.MarkupLineInterpolated($"Wrote {written.Count} lessons {(settings.Solutions ? "with the model answers (the instructor's copy)" : "in the released form")} to {outDir}.");
        return ExitCodes.Ok;
    }
}
