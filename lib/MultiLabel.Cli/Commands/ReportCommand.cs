using MultiLabel.Metrics;
using MultiLabel.Reports;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc report --run DIR</c>: rebuilds the HTML evaluation report of a run folder from its predictions.csv.</summary>
public sealed class ReportCommand(IAnsiConsole console) : Command<ReportSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Directory.Exists(settings.Run))
        {
            throw new UsageException($"--run: '{settings.Run}' is not a folder.");
        }

        if (settings.Images is not null && !Directory.Exists(settings.Images))
        {
            throw new UsageException($"--images: '{settings.Images}' is not a folder.");
        }

        TorchRuntime.EnsureLoaded();
        var path = InputFiles.Read(() =>
        {
            Thresholds? thresholds = null;
            if (settings.Thresholds is not null)
            {
                var labels = PredictionsFile.Read(Path.Combine(settings.Run!, RunDirectory.PredictionsFile)).Labels;
                thresholds = ThresholdsFile.Read(settings.Thresholds, labels);
            }

            return RunReport.Rebuild(settings.Run!, thresholds, settings.Images, settings.Out);
        });
        console.MarkupLineInterpolated($"Report: [link]{Path.GetFullPath(path)}[/]");
        return ExitCodes.Ok;
    }
}
