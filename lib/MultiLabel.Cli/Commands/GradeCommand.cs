using MultiLabel.Grading.Engine;
using MultiLabel.Grading.Reports;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// <c>mlc grade DIR</c>: grades one learner's notebooks (<see cref="SubmissionGrader"/>) and prints the score table or,
/// with <c>--json</c>, one JSON object; <c>--class DIR</c> grades every learner's folder and writes the gradebook.
/// Exit code 0 whenever grading ran, whatever the score.
/// </summary>
public sealed class GradeCommand(IAnsiConsole console) : Command<GradeSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions(CourseNotebooks.Resolve(settings.Notebooks));
        if (settings.ExtraChecks is { } extra && !Directory.Exists(extra))
        {
            throw new UsageException($"--extra-checks {extra}: no such folder.");
        }

        if (settings.Class is { } classDir)
        {
            if (!Directory.Exists(classDir))
            {
                throw new UsageException($"--class {classDir}: no such folder.");
            }

            var book = ClassGrader.Grade(classDir, options, Environment.ProcessorCount);
            var files = Gradebook.Write(book, classDir, settings.LmsCsv);
            console.Write(new Text(Gradebook.Summary(book)));
            console.MarkupLineInterpolated($"Wrote {string.Join(", ", files)}.");
            return ExitCodes.Ok;
        }

        if (!Directory.Exists(settings.Submission))
        {
            throw new UsageException($"{settings.Submission}: no such folder.");
        }

        var report = SubmissionGrader.Grade(settings.Submission!, options);
        if (settings.Report is { } reportDir)
        {
            Directory.CreateDirectory(reportDir);
            AtomicFile.WriteAllText(Path.Combine(reportDir, "grade-report.json"), GradeReportWriter.Json(report));
            AtomicFile.WriteAllText(Path.Combine(reportDir, "grade-report.md"), GradeReportWriter.Markdown(report, $"Grade of {Path.GetFileName(Path.GetFullPath(settings.Submission!))}"));
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(GradeReportWriter.Json(report));
        }
        else
        {
            console.Write(new Text(GradeReportWriter.Table(report)));
        }

        return ExitCodes.Ok;
    }
}
