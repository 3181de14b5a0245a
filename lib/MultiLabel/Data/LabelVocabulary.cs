namespace MultiLabel.Data;

/// <summary>
/// The ordered set of label names of a dataset: label i is column i of every target vector.
/// Taught in notebooks/01-what-is-multilabel.ipynb.
/// </summary>
public sealed class LabelVocabulary : IEquatable<LabelVocabulary>
{
    private readonly string[] names;
    private readonly Dictionary<string, int> index;

    /// <summary>Creates a vocabulary; names must be non-empty, unique and free of spaces and commas.</summary>
    /// <exception cref="ArgumentException">A name is empty, repeated or contains a separator.</exception>
    public LabelVocabulary(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        this.names = [.. names];
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < this.names.Length; i++)
        {
            var name = this.names[i];
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsWhiteSpace(c) || c == ','))
            {
                throw new ArgumentException($"Label name '{name}' at position {i} must be non-empty with no spaces or commas.", nameof(names));
            }

            if (!index.TryAdd(name, i))
            {
                throw new ArgumentException($"Label name '{name}' appears twice (positions {index[name]} and {i}).", nameof(names));
            }
        }
    }

    /// <summary>Number of labels (L).</summary>
    public int Count => names.Length;

    /// <summary>The label names in column order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>The name of label <paramref name="i"/>.</summary>
    public string this[int i] => names[i];

    /// <summary>The column of a label name, or -1.</summary>
    public int IndexOf(string name) => index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Multi-hot encodes label names: 1 in the column of each present label.</summary>
    /// <exception cref="KeyNotFoundException">A name is not in the vocabulary.</exception>
    public float[] Encode(IEnumerable<string> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        var target = new float[names.Length];
        foreach (var name in present)
        {
            int i = IndexOf(name);
            if (i < 0)
            {
                throw new KeyNotFoundException($"Unknown label '{name}'; known labels: {string.Join(", ", names)}.");
            }

            target[i] = 1f;
        }

        return target;
    }

    /// <summary>The names whose column is at least <paramref name="threshold"/>.</summary>
    public IReadOnlyList<string> Decode(ReadOnlySpan<float> scores, float threshold = 0.5f)
    {
        if (scores.Length != names.Length)
        {
            throw new ArgumentException($"Expected {names.Length} scores, got {scores.Length}.", nameof(scores));
        }

        var result = new List<string>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] >= threshold)
            {
                result.Add(names[i]);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public bool Equals(LabelVocabulary? other) => other is not null && names.SequenceEqual(other.names, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelVocabulary);

    /// <inheritdoc />
    public override int GetHashCode() => names.Aggregate(17, (h, n) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(n)));

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", names);
}
