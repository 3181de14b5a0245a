namespace MultiLabel.Metrics;

/// <summary>The headline multi-label metrics of a set of predictions at one threshold.</summary>
/// <param name="F1Micro">F1 of the pooled counts of all labels: dominated by frequent labels.</param>
/// <param name="F1Macro">Mean of the per-label F1 scores: every label counts the same, rare ones too.</param>
/// <param name="HammingLoss">Fraction of all (sample, label) cells predicted wrongly.</param>
/// <param name="SubsetAccuracy">Fraction of samples whose whole label set is exactly right.</param>
/// <param name="PerLabel">Per-label precision, recall, F1 and support.</param>
public sealed record EvaluationResult(
    double F1Micro,
    double F1Macro,
    double HammingLoss,
    double SubsetAccuracy,
    IReadOnlyList<LabelMetrics> PerLabel);
