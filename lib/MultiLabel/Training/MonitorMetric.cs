using MultiLabel.Registries;

namespace MultiLabel.Training;

/// <summary>
/// A validation metric that picks the best epoch and drives early stopping: how to read it from an
/// <see cref="EpochRecord"/> and which direction is better. The built-in ones are in <see cref="All"/>; a recipe and
/// <c>mlc train --monitor</c> name them.
/// </summary>
public sealed class MonitorMetric : IRegistryEntry
{
    private readonly Func<EpochRecord, double> read;

    /// <summary>Creates a monitored metric.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="description">One line of description.</param>
    /// <param name="higherIsBetter">True when a higher value is better.</param>
    /// <param name="read">Reads the value from an epoch record.</param>
    /// <param name="aliases">Other accepted spellings.</param>
    public MonitorMetric(string name, string description, bool higherIsBetter, Func<EpochRecord, double> read, params string[] aliases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(read);
        Name = name;
        Description = description;
        HigherIsBetter = higherIsBetter;
        this.read = read;
        Aliases = aliases;
    }

    /// <summary>Validation micro-F1 (higher is better).</summary>
    public static MonitorMetric ValF1Micro { get; } = new("f1-micro", "validation micro-F1", true, r => r.ValF1Micro, nameof(ValF1Micro));

    /// <summary>Validation macro-F1 (higher is better).</summary>
    public static MonitorMetric ValF1Macro { get; } = new("f1-macro", "validation macro-F1", true, r => r.ValF1Macro, nameof(ValF1Macro));

    /// <summary>Validation loss (lower is better).</summary>
    public static MonitorMetric ValLoss { get; } = new("loss", "validation loss", false, r => r.ValLoss, nameof(ValLoss));

    /// <summary>Validation Hamming loss (lower is better).</summary>
    public static MonitorMetric ValHammingLoss { get; } = new("hamming", "validation Hamming loss", false, r => r.ValHammingLoss, nameof(ValHammingLoss));

    /// <summary>The built-in monitored metrics, the default first.</summary>
    public static Registry<MonitorMetric> All { get; } = new("monitored metric", [ValF1Micro, ValF1Macro, ValLoss, ValHammingLoss]);

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>True when a higher value is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The metric's value in <paramref name="record"/>.</summary>
    public double ValueIn(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return read(record);
    }

    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="best"/> (null: no best yet).</summary>
    public bool Improves(double candidate, double? best) =>
        best is not { } b || (HigherIsBetter ? candidate > b : candidate < b);

    /// <inheritdoc />
    public override string ToString() => Name;
}
