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
/// The CSVs are parsed straight into tensors (<see cref="CsvMatrix"/>) that the metrics read in place; measured by
/// <c>mlc bench evaluate</c> against scikit-learn.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var kind = settings.Logits ? ScoreKind.Logits : ScoreKind.Probabilities;
        TorchRuntime.EnsureLoaded();
        EvaluationResult result;
        Thresholds thresholds;
        int rows, labelCount;
        using (var scope = NewDisposeScope())
        {
            var (labels, scores, chosen) = InputFiles.Read(() => Read(settings));
            using (labels)
            using (scores)
            {
                (thresholds, rows, labelCount) = (chosen, labels.Rows, labels.Labels.Count);
                result = MultiLabelMetrics.Evaluate(labels.Values, scores.Values, labels.Labels, thresholds, kind);
            }
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(EvaluationJson.Serialize(result));
            return ExitCodes.Ok;
        }

        MetricsTable.Write(console, $"{rows:N0} images, {labelCount} labels, threshold {thresholds}", result, detailed: true);
        return ExitCodes.Ok;
    }

    /// <summary>Reads both files at once (the labels on a second thread); a problem in the labels file is reported first.</summary>
    private static (CsvMatrix Labels, CsvMatrix Scores, Thresholds Thresholds) Read(EvaluateSettings settings)
    {
        var labelsTask = Task.Run(() => CsvMatrix.Read(settings.Labels!, CsvValues.Binary));
        CsvMatrix? scores = null;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? scoresError = null;
        try
        {
            scores = CsvMatrix.Read(settings.Scores!, settings.Logits ? CsvValues.Logits : CsvValues.Probabilities);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            scoresError = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
        }

        CsvMatrix labels;
        try
        {
            labels = labelsTask.GetAwaiter().GetResult();
        }
        catch
        {
            scores?.Dispose();
            throw;
        }

        if (scoresError is not null)
        {
            labels.Dispose();
            scoresError.Throw();
        }

        try
        {
            labels.CheckMatches(scores!);
            var thresholds = settings.Thresholds is null
                ? Thresholds.Global(settings.Threshold ?? Thresholds.Default.GlobalValue)
                : ThresholdsFile.Read(settings.Thresholds, labels.Labels);
            return (labels, scores!, thresholds);
        }
        catch
        {
            labels.Dispose();
            scores?.Dispose();
            throw;
        }
    }
}
