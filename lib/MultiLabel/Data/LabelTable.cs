namespace MultiLabel.Data;

/// <summary>
/// The content of a label file: the vocabulary and one row per image. Rows are checked when read (unique file
/// names, known labels, well-formed cells), so a table is always consistent.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed class LabelTable
{
    /// <summary>Creates a table; <paramref name="source"/> names it in messages (usually the file path).</summary>
    public LabelTable(LabelVocabulary labels, IReadOnlyList<LabelRow> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(source);
        Labels = labels;
        Rows = rows;
        Source = source;
    }

    /// <summary>The label vocabulary (column order of the targets).</summary>
    public LabelVocabulary Labels { get; }

    /// <summary>The rows in file order.</summary>
    public IReadOnlyList<LabelRow> Rows { get; }

    /// <summary>Where the table came from.</summary>
    public string Source { get; }

    /// <summary>True when every row has a split.</summary>
    public bool HasSplits => Rows.Count > 0 && Rows.All(r => r.Split is not null);

    /// <summary>The rows of one split (same vocabulary).</summary>
    /// <exception cref="InvalidOperationException">The file has no split column.</exception>
    public LabelTable OfSplit(Split split)
    {
        if (!HasSplits)
        {
            throw new InvalidOperationException($"{Source} has no split column: add one (train, val, test) or split the data in code.");
        }

        return new LabelTable(Labels, Rows.Where(r => r.Split == split).ToList(), Source);
    }

    /// <summary>The multi-hot target of a row.</summary>
    public float[] Target(LabelRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Labels.Encode(row.Labels);
    }
}
