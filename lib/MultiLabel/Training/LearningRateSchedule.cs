namespace MultiLabel.Training;

/// <summary>
/// The learning rate as a pure function of the optimizer step: <c>peak x Factor(step)</c>. Being stateless, the
/// schedule resumes exactly from a saved step count, and applies the same shape to every parameter group.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>One-cycle's start: peak / 25 (PyTorch's div_factor).</summary>
    public const double OneCycleDivFactor = 25;

    /// <summary>One-cycle's end: start / 1e4 (PyTorch's final_div_factor).</summary>
    public const double OneCycleFinalDivFactor = 1e4;

    /// <summary>The multiplier of the peak learning rate at 0-based <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    /// <param name="kind">The schedule.</param>
    /// <param name="step">0-based optimizer step, in [0, totalSteps).</param>
    /// <param name="totalSteps">Steps of the whole run.</param>
    /// <param name="warmupFraction">Fraction of the steps spent rising to the peak, in [0, 1).</param>
    public static double Factor(ScheduleKind kind, long step, long totalSteps, double warmupFraction)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Factor(step, totalSteps, warmupFraction);
    }

    /// <summary>One-cycle's multiplier (see <see cref="ScheduleKind.OneCycle"/>).</summary>
    internal static double OneCycle(long step, long totalSteps, double warmupFraction)
    {
        const double Start = 1 / OneCycleDivFactor;
        const double End = Start / OneCycleFinalDivFactor;
        double peakStep = (warmupFraction * totalSteps) - 1;
        double lastStep = totalSteps - 1;
        if (step <= peakStep)
        {
            return Anneal(Start, 1, peakStep <= 0 ? 1 : step / peakStep);
        }

        return Anneal(1, End, lastStep - peakStep <= 0 ? 1 : (step - peakStep) / (lastStep - peakStep));
    }

    /// <summary>Warm-up then cosine decay (see <see cref="ScheduleKind.Cosine"/>).</summary>
    internal static double Cosine(long step, long totalSteps, double warmupFraction)
    {
        long warmup = (long)Math.Round(warmupFraction * totalSteps);
        if (step < warmup)
        {
            return (step + 1.0) / warmup;
        }

        double t = totalSteps - warmup <= 1 ? 0 : (double)(step - warmup) / (totalSteps - warmup - 1);
        return 0.5 * (1 + Math.Cos(Math.PI * t));
    }

    private static double Anneal(double from, double to, double fraction) => to + ((from - to) / 2 * (1 + Math.Cos(Math.PI * fraction)));
}
