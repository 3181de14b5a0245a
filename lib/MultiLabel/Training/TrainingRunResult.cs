using MultiLabel.Metrics;

namespace MultiLabel.Training;

/// <summary>What <see cref="TrainingRun.Evaluate"/> found on the test split.</summary>
/// <param name="Test">Every test metric, per label too.</param>
/// <param name="Thresholds">The thresholds the test split was scored at (tuned on validation, or the global one).</param>
/// <param name="Tuned">The tuning details when the recipe tuned thresholds, else null.</param>
/// <param name="Summary">What summary.json holds.</param>
/// <param name="BestEpoch">The epoch whose weights were scored.</param>
/// <param name="ReportPath">report.html, or null for a run without a folder.</param>
public sealed record TrainingRunResult(
    EvaluationResult Test,
    Thresholds Thresholds,
    TunedThresholds? Tuned,
    RunSummary Summary,
    int BestEpoch,
    string? ReportPath);
