namespace MultiLabel.Metrics;

/// <summary>The F1-maximising threshold of one label on validation data.</summary>
/// <param name="Label">The label name.</param>
/// <param name="Threshold">The probability threshold.</param>
/// <param name="F1">The label's F1 on the tuning data at that threshold.</param>
/// <param name="Tuned">
/// False when the label has no positive image in the tuning data: no threshold can give it a non-zero F1, so it
/// keeps the global threshold.
/// </param>
public sealed record LabelThreshold(string Label, double Threshold, double F1, bool Tuned);

/// <summary>
/// Thresholds chosen on validation data by <see cref="ThresholdTuning"/>: one global threshold that maximises
/// micro-F1, and one per label that maximises each label's F1.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="Global">The threshold shared by all labels that maximises micro-F1 (0.5 when no label occurs).</param>
/// <param name="GlobalF1Micro">Micro-F1 on the tuning data at <paramref name="Global"/>.</param>
/// <param name="PerLabel">The per-label thresholds in label order.</param>
public sealed record TunedThresholds(double Global, double GlobalF1Micro, IReadOnlyList<LabelThreshold> PerLabel)
{
    /// <summary>The global threshold for every label.</summary>
    public Thresholds ToGlobal() => Thresholds.Global(Global);

    /// <summary>The per-label thresholds.</summary>
    public Thresholds ToPerLabel() => Thresholds.PerLabel(PerLabel.Select(l => l.Threshold));
}
