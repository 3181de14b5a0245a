namespace MultiLabel.Data.Analysis;

/// <summary>How often one label occurs.</summary>
/// <param name="Label">The label name.</param>
/// <param name="Count">Images that carry it.</param>
/// <param name="Fraction">Count divided by the number of images (0 for no images).</param>
public sealed record LabelFrequency(string Label, int Count, double Fraction);

/// <summary>Label cardinality: how many labels the images carry.</summary>
/// <param name="Histogram">Histogram[k] = images with exactly k labels (k = 0 .. max).</param>
/// <param name="Mean">Mean labels per image (the "label cardinality" of the multi-label literature).</param>
/// <param name="Images">Number of images.</param>
public sealed record Cardinality(IReadOnlyList<int> Histogram, double Mean, int Images)
{
    /// <summary>Fraction of images with no label at all.</summary>
    public double EmptyFraction => Images == 0 ? 0 : Histogram.Count > 0 ? (double)Histogram[0] / Images : 0;

    /// <summary>Largest number of labels on one image.</summary>
    public int Max => Histogram.Count - 1;
}

/// <summary>
/// The co-occurrence matrix: <c>Counts[i][j]</c> = images carrying both label i and label j; the diagonal holds each
/// label's own count.
/// </summary>
/// <param name="Labels">Label names, the row and column order.</param>
/// <param name="Counts">L x L counts.</param>
public sealed record CoOccurrence(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    /// <summary>P(label j | label i) = Counts[i][j] / Counts[i][i] (0 when label i never occurs).</summary>
    public double Conditional(int i, int j) => Counts[i][i] == 0 ? 0 : (double)Counts[i][j] / Counts[i][i];
}

/// <summary>The statistics of one split (or of a whole dataset).</summary>
/// <param name="Name">The split name (train, val, test, all).</param>
/// <param name="Images">Number of images.</param>
/// <param name="Frequencies">Per-label frequency, in vocabulary order.</param>
/// <param name="Cardinality">Labels per image.</param>
/// <param name="CoOccurrence">Pairs of labels.</param>
public sealed record SplitStatistics(string Name, int Images, IReadOnlyList<LabelFrequency> Frequencies, Cardinality Cardinality, CoOccurrence CoOccurrence)
{
    /// <summary>The rarest label's frequency (the imbalance a loss must cope with).</summary>
    public LabelFrequency Rarest => Frequencies.MinBy(f => f.Count)!;

    /// <summary>Most frequent count divided by the rarest (infinity when a label never occurs).</summary>
    public double ImbalanceRatio => Rarest.Count == 0 ? double.PositiveInfinity : (double)Frequencies.Max(f => f.Count) / Rarest.Count;
}
