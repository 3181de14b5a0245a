using MultiLabel.Cli.Rendering;
using MultiLabel.Metrics;
using MultiLabel.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// <c>mlc evaluate --labels L.csv --scores S.csv [--threshold 0.5 | --thresholds T.csv] [--logits] [--json]</c>:
/// every metric of a score file against a label file, as tables or as one JSON object (<see cref="EvaluationJson"/>).
/// </summary>
public sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var kind = settings.Logits ? ScoreKind.Logits : ScoreKind.Probabilities;
        var (labels, scores, thresholds) = InputFiles.Read(() =>
        {
            var labels = CsvMatrix.Read(settings.Labels!, CsvValues.Binary);
            var scores = CsvMatrix.Read(settings.Scores!, settings.Logits ? CsvValues.Logits : CsvValues.Probabilities);
            labels.CheckMatches(scores);
            var thresholds = settings.Thresholds is null
                ? Thresholds.Global(settings.Threshold ?? Thresholds.Default.GlobalValue)
                : ThresholdsFile.Read(settings.Thresholds, labels.Labels);
            return (labels, scores, thresholds);
        });

        TorchRuntime.EnsureLoaded();
        EvaluationResult result;
        using (var scope = NewDisposeScope())
        {
            var targets = tensor(labels.Values, [labels.Rows, labels.Labels.Count], ScalarType.Float32);
            var values = tensor(scores.Values, [scores.Rows, scores.Labels.Count], ScalarType.Float64);
            result = MultiLabelMetrics.Evaluate(targets, values, labels.Labels, thresholds, kind);
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(EvaluationJson.Serialize(result));
            return ExitCodes.Ok;
        }

        MetricsTable.Write(console, $"{labels.Rows:N0} images, {labels.Labels.Count} labels, threshold {thresholds}", result, detailed: true);
        return ExitCodes.Ok;
    }
}
