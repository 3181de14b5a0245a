namespace MultiLabel.Metrics;

/// <summary>
/// One score (precision, recall, F1 or Jaccard) averaged the four ways scikit-learn offers.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="Micro">Pool the counts of all labels, then compute once: frequent labels dominate.</param>
/// <param name="Macro">Compute per label, then take the plain mean: every label counts the same, rare ones too.</param>
/// <param name="Weighted">Compute per label, then average weighted by each label's support (0 when no label occurs).</param>
/// <param name="Samples">Compute per image over its own labels, then average over images.</param>
public sealed record AveragedScore(double Micro, double Macro, double Weighted, double Samples);
