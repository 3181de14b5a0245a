using System.Text.Json;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Reports;

/// <summary>
/// The evaluation files of a run folder: predictions.csv (<see cref="PredictionsFile"/>), thumbnails/ with the
/// images the report shows, and report.html (<see cref="EvaluationReport"/>). <see cref="Write"/> is what
/// <c>mlc train</c> calls after the test pass; <see cref="Rebuild"/> is <c>mlc report --run DIR</c>.
/// </summary>
public static class RunReport
{
    /// <summary>The per-label thresholds files a run folder may hold (written by threshold tuning), in order of preference.</summary>
    public static IReadOnlyList<string> ThresholdsFileNames { get; } = ["thresholds.csv", "thresholds.json"];

    /// <summary>
    /// Writes predictions.csv, the thumbnails of the report's mistakes (when <see cref="ReportInput.Thumbnail"/>
    /// gives them) and report.html into <paramref name="runFolder"/>; returns the report's path.
    /// </summary>
    public static string Write(string runFolder, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var probabilities = input.Kind == ScoreKind.Logits ? input.Scores.sigmoid() : input.Scores;
        PredictionsFile.Write(Path.Combine(runFolder, PredictionsFile.FileName), input.Labels, input.SampleNames, input.Targets, probabilities);
        if (input.Thumbnail is not null)
        {
            var (falsePositives, falseNegatives) = WorstErrors.Find(input, EvaluationReport.WorstCount);
            var shown = falsePositives.Concat(falseNegatives).Select(c => c.Sample).Distinct();
            ThumbnailFolder.Save(
                Path.Combine(runFolder, ThumbnailFolder.DefaultName),
                shown.Select(i => (input.SampleNames[i], input.Thumbnail(i))).Where(p => p.Item2 is not null).Select(p => KeyValuePair.Create(p.Item1, p.Item2!)));
        }

        var path = Path.Combine(runFolder, EvaluationReport.FileName);
        EvaluationReport.Save(input, path);
        return path;
    }

    /// <summary>
    /// Rebuilds report.html from a run folder's predictions.csv, at <paramref name="thresholds"/> (default: the
    /// folder's thresholds.csv or thresholds.json if present, else the threshold in its summary.json, else 0.5), with thumbnails from
    /// <paramref name="imageFolder"/> (PNG files named as the images) or the folder's thumbnails/.
    /// </summary>
    /// <returns>The path written.</returns>
    /// <exception cref="FileNotFoundException">The folder has no predictions.csv.</exception>
    /// <exception cref="InvalidDataException">A file of the folder is malformed; the message names the file and line.</exception>
    public static string Rebuild(string runFolder, Thresholds? thresholds = null, string? imageFolder = null, string? outputPath = null)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var predictionsPath = Path.Combine(runFolder, PredictionsFile.FileName);
        if (!File.Exists(predictionsPath))
        {
            throw new FileNotFoundException($"{runFolder} has no {PredictionsFile.FileName} (mlc train writes it after the test pass).", predictionsPath);
        }

        var predictions = PredictionsFile.Read(predictionsPath);
        var summary = ReadSummary(Path.Combine(runFolder, "summary.json"));
        var thresholdsPath = ThresholdsFileNames.Select(n => Path.Combine(runFolder, n)).FirstOrDefault(File.Exists);
        thresholds ??= thresholdsPath is not null
            ? ThresholdsFile.Read(thresholdsPath, predictions.Labels)
            : Thresholds.Global(summary.Threshold ?? Thresholds.Default.GlobalValue);
        string[] folders = imageFolder is null
            ? [Path.Combine(runFolder, ThumbnailFolder.DefaultName)]
            : [imageFolder, Path.Combine(runFolder, ThumbnailFolder.DefaultName)];
        using var scope = NewDisposeScope();
        var input = new ReportInput(
            predictions.Labels, predictions.Names, predictions.TargetTensor(), predictions.ScoreTensor(), ScoreKind.Probabilities, thresholds,
            ThumbnailFolder.Provider(predictions.Names, folders), $"Evaluation report: {Path.GetFileName(Path.GetFullPath(runFolder))}",
            [KeyValuePair.Create("run folder", Path.GetFullPath(runFolder)), .. summary.Facts]);
        var path = outputPath ?? Path.Combine(runFolder, EvaluationReport.FileName);
        EvaluationReport.Save(input, path);
        return path;
    }

    /// <summary>The few summary.json facts a report shows; an absent or unreadable summary gives none.</summary>
    private static (double? Threshold, List<KeyValuePair<string, string>> Facts) ReadSummary(string path)
    {
        var facts = new List<KeyValuePair<string, string>>();
        if (!File.Exists(path))
        {
            return (null, facts);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            double? threshold = null;
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "threshold" && property.Value.ValueKind == JsonValueKind.Number)
                {
                    threshold = property.Value.GetDouble();
                }
                else if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    facts.Add(KeyValuePair.Create(property.Name, property.Value.ToString()));
                }
            }

            return (threshold, facts);
        }
        catch (JsonException)
        {
            return (null, facts);
        }
    }
}
