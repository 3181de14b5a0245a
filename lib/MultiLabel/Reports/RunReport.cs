using System.Text.Json;
using MultiLabel.Metrics;
using MultiLabel.Training;
using static TorchSharp.torch;

namespace MultiLabel.Reports;

/// <summary>
/// The evaluation files of a run folder: predictions.csv (<see cref="PredictionsFile"/>), thumbnails/ with the
/// images the report shows, and report.html (<see cref="EvaluationReport"/>). <see cref="Write"/> is what
/// <c>mlc train</c> calls after the test pass; <see cref="Rebuild"/> is <c>mlc report --run DIR</c>.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class RunReport
{
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
        PredictionsFile.Write(Path.Combine(runFolder, RunDirectory.PredictionsFile), input.Labels, input.SampleNames, input.Targets, probabilities);
        if (input.Thumbnail is not null)
        {
            var (falsePositives, falseNegatives) = WorstErrors.Find(input, EvaluationReport.WorstCount);
            var shown = falsePositives.Concat(falseNegatives).Select(c => c.Sample).Distinct();
            ThumbnailFolder.Save(
                Path.Combine(runFolder, RunDirectory.ThumbnailsFolder),
                shown.Select(i => (input.SampleNames[i], input.Thumbnail(i))).Where(p => p.Item2 is not null).Select(p => KeyValuePair.Create(p.Item1, p.Item2!)));
        }

        var path = Path.Combine(runFolder, RunDirectory.ReportFile);
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
        var predictionsPath = Path.Combine(runFolder, RunDirectory.PredictionsFile);
        if (!File.Exists(predictionsPath))
        {
            throw new FileNotFoundException($"{runFolder} has no {RunDirectory.PredictionsFile} (mlc train writes it after the test pass).", predictionsPath);
        }

        var predictions = PredictionsFile.Read(predictionsPath);
        var run = RunDirectory.Open(runFolder);
        var facts = SummaryFacts(run.FilePath(RunDirectory.SummaryFile));
        thresholds ??= run.ReadThresholds(predictions.Labels);
        string[] folders = imageFolder is null
            ? [Path.Combine(runFolder, RunDirectory.ThumbnailsFolder)]
            : [imageFolder, Path.Combine(runFolder, RunDirectory.ThumbnailsFolder)];
        using var scope = NewDisposeScope();
        var input = new ReportInput(
            predictions.Labels, predictions.Names, predictions.TargetTensor(), predictions.ScoreTensor(), ScoreKind.Probabilities, thresholds,
            ThumbnailFolder.Provider(predictions.Names, folders), $"Evaluation report: {Path.GetFileName(Path.GetFullPath(runFolder))}",
            [KeyValuePair.Create("run folder", Path.GetFullPath(runFolder)), .. facts]);
        var path = outputPath ?? Path.Combine(runFolder, RunDirectory.ReportFile);
        EvaluationReport.Save(input, path);
        return path;
    }

    /// <summary>The summary.json facts a report shows (its text and number values); an absent or unreadable summary gives none.</summary>
    private static List<KeyValuePair<string, string>> SummaryFacts(string path)
    {
        var facts = new List<KeyValuePair<string, string>>();
        if (!File.Exists(path))
        {
            return facts;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name != "threshold" && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    facts.Add(KeyValuePair.Create(property.Name, property.Value.ToString()));
                }
            }
        }
        catch (JsonException)
        {
            facts.Clear();
        }

        return facts;
    }
}
