using MultiLabel.Data;
using MultiLabel.Imaging;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Reports;

/// <summary>What an <see cref="EvaluationReport"/> is built from. Taught in notebooks/08-evaluation.ipynb.</summary>
/// <param name="Labels">The label names, in column order.</param>
/// <param name="SampleNames">The image names, in row order.</param>
/// <param name="Targets">True labels [N,L] (0/1).</param>
/// <param name="Scores">Scores [N,L]: probabilities, or logits with <paramref name="Kind"/> Logits.</param>
/// <param name="Kind">What the scores are.</param>
/// <param name="Thresholds">The thresholds predictions are taken at (default 0.5).</param>
/// <param name="Thumbnail">PNG bytes of image i, or null when unavailable; null for a report without thumbnails.</param>
/// <param name="Title">The page title.</param>
/// <param name="Facts">Lines about the run shown under the title (model, data, run folder, ...).</param>
public sealed record ReportInput(
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> SampleNames,
    Tensor Targets,
    Tensor Scores,
    ScoreKind Kind = ScoreKind.Probabilities,
    Thresholds? Thresholds = null,
    Func<int, byte[]?>? Thumbnail = null,
    string Title = "Evaluation report",
    IReadOnlyList<KeyValuePair<string, string>>? Facts = null)
{
    /// <summary>
    /// The input for predictions over a whole dataset in dataset order (as a loader without shuffling yields them):
    /// names and thumbnails come from the dataset.
    /// </summary>
    public static ReportInput FromDataset(IImageDataset dataset, Tensor targets, Tensor probabilities, Thresholds thresholds, string title)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new ReportInput(
            dataset.Labels.Names,
            [.. Enumerable.Range(0, dataset.Count).Select(dataset.GetName)],
            targets,
            probabilities,
            ScoreKind.Probabilities,
            thresholds,
            i =>
            {
                using var image = dataset.GetImage(i);
                return PngCodec.Encode(image);
            },
            title);
    }
}
