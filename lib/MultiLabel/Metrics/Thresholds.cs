using System.Globalization;
using System.Text.Json.Serialization;

namespace MultiLabel.Metrics;

/// <summary>
/// The probability at which each label counts as predicted (score &gt;= threshold): one value for every label, or
/// one per label (for example tuned on validation data by <see cref="ThresholdTuning"/>).
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public sealed class Thresholds : IEquatable<Thresholds>
{
    private readonly double[]? perLabel;

    /// <summary>
    /// For serializers (System.Text.Json reads it back from <see cref="GlobalValue"/> and
    /// <see cref="PerLabelValues"/>, as in checkpoints and histories); prefer <see cref="Global"/> and
    /// <see cref="PerLabel"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not in [0, 1].</exception>
    [JsonConstructor]
    public Thresholds(double globalValue, IReadOnlyList<double>? perLabelValues)
        : this(globalValue, perLabelValues is null ? null : [.. perLabelValues])
    {
        Check(globalValue, "threshold");
        for (int i = 0; i < (perLabel?.Length ?? 0); i++)
        {
            Check(perLabel![i], $"threshold of label {i}");
        }
    }

    private Thresholds(double global, double[]? perLabel)
    {
        GlobalValue = global;
        this.perLabel = perLabel;
    }

    /// <summary>The usual default: every label at 0.5.</summary>
    public static Thresholds Default { get; } = new(0.5, null);

    /// <summary>True when every label uses <see cref="GlobalValue"/>.</summary>
    public bool IsGlobal => perLabel is null;

    /// <summary>The shared threshold (meaningful when <see cref="IsGlobal"/>; otherwise the mean of the per-label ones).</summary>
    public double GlobalValue { get; }

    /// <summary>The per-label thresholds, or null when one value applies to every label.</summary>
    public IReadOnlyList<double>? PerLabelValues => perLabel;

    /// <summary>The threshold of label <paramref name="label"/>.</summary>
    public double this[int label] => perLabel is null ? GlobalValue : perLabel[label];

    /// <summary>One threshold for all labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public static Thresholds Global(double value)
    {
        Check(value, "threshold");
        return new Thresholds(value, null);
    }

    /// <summary>One threshold per label, in label order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not in [0, 1].</exception>
    public static Thresholds PerLabel(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] copy = [.. values];
        for (int i = 0; i < copy.Length; i++)
        {
            Check(copy[i], $"threshold of label {i}");
        }

        return new Thresholds(copy.Length == 0 ? 0.5 : copy.Average(), copy);
    }

    /// <summary>The thresholds of <paramref name="labelCount"/> labels.</summary>
    /// <exception cref="ArgumentException">Per-label thresholds of a different number of labels.</exception>
    public double[] Expand(int labelCount)
    {
        if (perLabel is not null && perLabel.Length != labelCount)
        {
            throw new ArgumentException($"{perLabel.Length} per-label thresholds were given for {labelCount} labels.");
        }

        return perLabel is null ? Enumerable.Repeat(GlobalValue, labelCount).ToArray() : (double[])perLabel.Clone();
    }

    /// <inheritdoc />
    public bool Equals(Thresholds? other) =>
        other is not null && (perLabel is null
            ? other.perLabel is null && GlobalValue.Equals(other.GlobalValue)
            : other.perLabel is not null && perLabel.AsSpan().SequenceEqual(other.perLabel));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Thresholds);

    /// <inheritdoc />
    public override int GetHashCode() => perLabel is null ? GlobalValue.GetHashCode() : perLabel.Aggregate(17, (h, v) => HashCode.Combine(h, v));

    /// <inheritdoc />
    public override string ToString() => perLabel is null
        ? GlobalValue.ToString("0.###", CultureInfo.InvariantCulture)
        : "[" + string.Join(", ", perLabel.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "]";

    private static void Check(double value, string what)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The {what} must be a probability in [0, 1].");
        }
    }
}
