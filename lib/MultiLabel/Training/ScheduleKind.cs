using MultiLabel.Registries;

namespace MultiLabel.Training;

/// <summary>
/// A learning-rate schedule: the multiplier of the peak learning rate as a pure function of the optimizer step (see
/// <see cref="LearningRateSchedule"/>). The built-in ones are in <see cref="All"/>; a recipe and
/// <c>mlc train --schedule</c> name them.
/// </summary>
public sealed class ScheduleKind : IRegistryEntry
{
    private readonly Func<long, long, double, double> factor;

    /// <summary>Creates a schedule.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="description">One line of description.</param>
    /// <param name="factor">(0-based step, total steps, warm-up fraction) to the multiplier of the peak rate; called with valid arguments only.</param>
    /// <param name="aliases">Other accepted spellings.</param>
    public ScheduleKind(string name, string description, Func<long, long, double, double> factor, params string[] aliases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(factor);
        Name = name;
        Description = description;
        this.factor = factor;
        Aliases = aliases;
    }

    /// <summary>
    /// One-cycle (Smith 2018; PyTorch's OneCycleLR with cosine annealing): from peak/25 up to the peak over the
    /// warm-up fraction, then down to peak/25/1e4.
    /// </summary>
    public static ScheduleKind OneCycle { get; } = new(
        "onecycle", "one-cycle: up from peak/25 over the warm-up, then cosine down to peak/2.5e5", LearningRateSchedule.OneCycle, "one-cycle");

    /// <summary>Linear warm-up from 0 to the peak over the warm-up fraction, then cosine decay to 0.</summary>
    public static ScheduleKind Cosine { get; } = new(
        "cosine", "linear warm-up to the peak, then cosine decay to 0", LearningRateSchedule.Cosine);

    /// <summary>The peak rate at every step (no warm-up, no decay).</summary>
    public static ScheduleKind Constant { get; } = new("constant", "the peak rate at every step", (_, _, _) => 1.0);

    /// <summary>The built-in schedules, the default first.</summary>
    public static Registry<ScheduleKind> All { get; } = new("schedule", [OneCycle, Cosine, Constant]);

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The multiplier of the peak rate at 0-based <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative step, no step at all, or a warm-up fraction outside [0, 1).</exception>
    public double Factor(long step, long totalSteps, double warmupFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (!(warmupFraction >= 0 && warmupFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "must be in [0, 1)");
        }

        return factor(Math.Min(step, totalSteps - 1), totalSteps, warmupFraction);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
