namespace MultiLabel.Metrics;

/// <summary>
/// The confusion matrix of one label at its threshold: how many images fall in each of the four cells.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="TruePositives">Predicted and present.</param>
/// <param name="FalsePositives">Predicted but absent.</param>
/// <param name="FalseNegatives">Present but not predicted.</param>
/// <param name="TrueNegatives">Absent and not predicted.</param>
public sealed record LabelCounts(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    /// <summary>Number of images where the label is present.</summary>
    public long Support => TruePositives + FalseNegatives;

    /// <summary>tp / (tp + fp): of the images we tagged, the share that really has the label; 0 when nothing was tagged.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>tp / (tp + fn): of the images that have the label, the share we found; 0 when the label never occurs.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>2 tp / (2 tp + fp + fn): the harmonic mean of precision and recall; 0 when ill-defined.</summary>
    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    /// <summary>tp / (tp + fp + fn): overlap of the predicted and the true image sets (intersection over union); 0 when both are empty.</summary>
    public double Jaccard => Ratio(TruePositives, TruePositives + FalsePositives + FalseNegatives);

    /// <summary>A ratio that is 0 when the denominator is 0 (scikit-learn's zero_division=0).</summary>
    internal static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
