namespace MultiLabel.Training;

/// <summary>The validation metric that picks the best epoch and drives early stopping.</summary>
public enum MonitorMetric
{
    /// <summary>Validation micro-F1 (higher is better).</summary>
    ValF1Micro,

    /// <summary>Validation macro-F1 (higher is better).</summary>
    ValF1Macro,

    /// <summary>Validation loss (lower is better).</summary>
    ValLoss,

    /// <summary>Validation Hamming loss (lower is better).</summary>
    ValHammingLoss,
}

/// <summary>Reads a <see cref="MonitorMetric"/> from an epoch record.</summary>
public static class MonitorMetricExtensions
{
    /// <summary>True when a higher value is better.</summary>
    public static bool HigherIsBetter(this MonitorMetric metric) => metric is MonitorMetric.ValF1Micro or MonitorMetric.ValF1Macro;

    /// <summary>The metric's value in <paramref name="record"/>.</summary>
    public static double ValueIn(this MonitorMetric metric, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return metric switch
        {
            MonitorMetric.ValF1Micro => record.ValF1Micro,
            MonitorMetric.ValF1Macro => record.ValF1Macro,
            MonitorMetric.ValLoss => record.ValLoss,
            MonitorMetric.ValHammingLoss => record.ValHammingLoss,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
        };
    }

    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="best"/> (null: no best yet).</summary>
    public static bool Improves(this MonitorMetric metric, double candidate, double? best) =>
        best is not { } b || (metric.HigherIsBetter() ? candidate > b : candidate < b);
}
