namespace MultiLabel.Metrics;

/// <summary>The per-label confusion counts at a threshold.</summary>
/// <param name="TruePositives">Predicted and present.</param>
/// <param name="FalsePositives">Predicted but absent.</param>
/// <param name="FalseNegatives">Present but not predicted.</param>
/// <param name="TrueNegatives">Absent and not predicted.</param>
public sealed record LabelCounts(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    /// <summary>Number of samples where the label is present.</summary>
    public long Support => TruePositives + FalseNegatives;

    /// <summary>tp / (tp + fp); 0 when nothing was predicted (scikit-learn's zero_division=0).</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>tp / (tp + fn); 0 when the label never occurs.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>2 tp / (2 tp + fp + fn): the harmonic mean of precision and recall; 0 when ill-defined.</summary>
    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    internal static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
