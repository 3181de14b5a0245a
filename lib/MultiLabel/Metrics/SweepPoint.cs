namespace MultiLabel.Metrics;

/// <summary>Scores when every label uses the same threshold.</summary>
/// <param name="Threshold">The probability threshold.</param>
/// <param name="PrecisionMicro">Micro-averaged precision.</param>
/// <param name="RecallMicro">Micro-averaged recall.</param>
/// <param name="F1Micro">Micro-averaged F1.</param>
/// <param name="F1Macro">Macro-averaged F1.</param>
/// <param name="F1PerLabel">Each label's F1, in label order.</param>
public sealed record SweepPoint(double Threshold, double PrecisionMicro, double RecallMicro, double F1Micro, double F1Macro, IReadOnlyList<double> F1PerLabel);

/// <summary>
/// How precision, recall and F1 change as one threshold for all labels moves from 0 to 1: the data behind the
/// report's threshold chart. Low thresholds predict much (high recall, low precision), high ones little.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="Labels">The label names.</param>
/// <param name="Points">One point per threshold, in grid order.</param>
public sealed record SweepCurve(IReadOnlyList<string> Labels, IReadOnlyList<SweepPoint> Points);
