namespace MultiLabel.Metrics;

/// <summary>
/// All multi-label metrics of a set of predictions, each equal to scikit-learn's (1.2+) value with its default
/// zero_division (an ill-defined ratio counts as 0). Build it with <see cref="MultiLabelMetrics.Evaluate(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, IReadOnlyList{string}, Thresholds?, ScoreKind)"/>
/// or, batch by batch, with <see cref="StreamingMetrics"/>.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="SampleCount">Number of images evaluated.</param>
/// <param name="Precision">Of the labels we predicted, the share that is right (micro, macro, weighted, samples).</param>
/// <param name="Recall">Of the true labels, the share we predicted.</param>
/// <param name="F1">The harmonic mean of precision and recall; micro-F1 is the course's headline number.</param>
/// <param name="Jaccard">Intersection over union of predicted and true labels.</param>
/// <param name="HammingLoss">The share of all (image, label) cells predicted wrongly: 0 is perfect.</param>
/// <param name="SubsetAccuracy">The share of images whose whole label set is exactly right: the strictest score.</param>
/// <param name="MapMacro">
/// Mean average precision: the mean of the per-label AP over the labels that occur at least once (null if none).
/// </param>
/// <param name="MapMicro">AP of all (image, label) cells ranked together (null when no cell is positive).</param>
/// <param name="RocAucMacro">
/// Mean ROC AUC over the labels that have both positive and negative images (null if none).
/// </param>
/// <param name="RocAucMicro">ROC AUC of all cells ranked together (null when all cells have one class).</param>
/// <param name="LabelRankingAveragePrecision">
/// For each image, how high its true labels rank among its own scores (1 = all true labels on top), averaged;
/// an image with no or all labels counts 1, as in scikit-learn.
/// </param>
/// <param name="CoverageError">
/// How far down each image's ranked labels you must go to cover all its true labels, averaged (best: the number of
/// true labels; an image without labels counts 0).
/// </param>
/// <param name="RankingLoss">
/// The share of (true label, absent label) pairs of an image that the scores order wrongly (ties count as wrong),
/// averaged over images; 0 is perfect.
/// </param>
/// <param name="PerLabel">The metrics of each label, in label order.</param>
/// <param name="Thresholds">The thresholds the predictions were taken at.</param>
public sealed record EvaluationResult(
    long SampleCount,
    AveragedScore Precision,
    AveragedScore Recall,
    AveragedScore F1,
    AveragedScore Jaccard,
    double HammingLoss,
    double SubsetAccuracy,
    double? MapMacro,
    double? MapMicro,
    double? RocAucMacro,
    double? RocAucMicro,
    double LabelRankingAveragePrecision,
    double CoverageError,
    double RankingLoss,
    IReadOnlyList<LabelMetrics> PerLabel,
    Thresholds Thresholds)
{
    /// <summary>Micro-averaged F1 (<see cref="F1"/>.Micro).</summary>
    public double F1Micro => F1.Micro;

    /// <summary>Macro-averaged F1 (<see cref="F1"/>.Macro).</summary>
    public double F1Macro => F1.Macro;

    /// <summary>
    /// Every dataset-level value under scikit-learn-style names (<c>f1_micro</c>, <c>jaccard_samples</c>,
    /// <c>map_macro</c>, <c>lrap</c>, ...), null where undefined.
    /// </summary>
    public IReadOnlyDictionary<string, double?> NamedValues()
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, score) in new[] { ("precision", Precision), ("recall", Recall), ("f1", F1), ("jaccard", Jaccard) })
        {
            values[name + "_micro"] = score.Micro;
            values[name + "_macro"] = score.Macro;
            values[name + "_weighted"] = score.Weighted;
            values[name + "_samples"] = score.Samples;
        }

        values["hamming_loss"] = HammingLoss;
        values["subset_accuracy"] = SubsetAccuracy;
        values["map_macro"] = MapMacro;
        values["map_micro"] = MapMicro;
        values["roc_auc_macro"] = RocAucMacro;
        values["roc_auc_micro"] = RocAucMicro;
        values["lrap"] = LabelRankingAveragePrecision;
        values["coverage_error"] = CoverageError;
        values["ranking_loss"] = RankingLoss;
        return values;
    }
}
