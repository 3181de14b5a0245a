namespace MultiLabel.Metrics;

/// <summary>
/// Everything measured for one label (scikit-learn's average=None).
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="Label">The label name.</param>
/// <param name="Precision">Of the images tagged with the label, the share that really has it.</param>
/// <param name="Recall">Of the images that have the label, the share that was tagged.</param>
/// <param name="F1">The harmonic mean of precision and recall: high only when both are high.</param>
/// <param name="Support">How many images have the label.</param>
/// <param name="Counts">The confusion matrix (tp, fp, fn, tn) at <paramref name="Threshold"/>.</param>
/// <param name="Jaccard">Overlap of the tagged and the true image sets divided by their union.</param>
/// <param name="AveragePrecision">
/// Area under the label's precision-recall curve (scikit-learn's step-wise AP): how well the scores rank the
/// images that have the label above those that do not, at every threshold at once; null when no image has it.
/// </param>
/// <param name="RocAuc">
/// The chance that a random image with the label scores higher than a random image without it (ties count half);
/// null when the label is always or never present, where scikit-learn raises an error.
/// </param>
/// <param name="Threshold">The probability threshold the counts were taken at.</param>
public sealed record LabelMetrics(
    string Label,
    double Precision,
    double Recall,
    double F1,
    long Support,
    LabelCounts Counts,
    double Jaccard,
    double? AveragePrecision,
    double? RocAuc,
    double Threshold);
