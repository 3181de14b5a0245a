namespace MultiLabel.Data.Analysis;

/// <summary>
/// Label statistics computed from targets only (no pixels are decoded): frequency, cardinality, co-occurrence and
/// per-split summaries, as plain records for notebooks, the datasheet and <c>mlc data stats</c>.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class DatasetStatistics
{
    /// <summary>Statistics of targets (each of length L, values 0 or 1).</summary>
    public static SplitStatistics Compute(string name, LabelVocabulary labels, IReadOnlyList<float[]> targets)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(targets);
        int l = labels.Count, n = targets.Count;
        var pairs = new int[l, l];
        var histogram = new List<int>();
        long total = 0;
        foreach (var target in targets)
        {
            if (target.Length != l)
            {
                throw new ArgumentException($"A target has {target.Length} values; the vocabulary has {l} labels.", nameof(targets));
            }

            var present = Enumerable.Range(0, l).Where(i => target[i] > 0.5f).ToArray();
            foreach (int i in present)
            {
                foreach (int j in present)
                {
                    pairs[i, j]++;
                }
            }

            while (histogram.Count <= present.Length)
            {
                histogram.Add(0);
            }

            histogram[present.Length]++;
            total += present.Length;
        }

        var frequencies = Enumerable.Range(0, l).Select(i => new LabelFrequency(labels[i], pairs[i, i], n == 0 ? 0 : (double)pairs[i, i] / n)).ToList();
        var counts = Enumerable.Range(0, l).Select(i => (IReadOnlyList<int>)Enumerable.Range(0, l).Select(j => pairs[i, j]).ToList()).ToList();
        return new SplitStatistics(
            name, n, frequencies, new Cardinality(histogram, n == 0 ? 0 : (double)total / n, n), new CoOccurrence(labels.Names, counts));
    }

    /// <summary>Statistics of a dataset (targets only).</summary>
    public static SplitStatistics Compute(string name, IImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var targets = Enumerable.Range(0, dataset.Count).Select(i => dataset.GetTarget(i).ToArray()).ToList();
        return Compute(name, dataset.Labels, targets);
    }

    /// <summary>Statistics of a label table: one entry per split present (train, val, test order) and "all" last.</summary>
    public static IReadOnlyList<SplitStatistics> BySplit(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new List<SplitStatistics>();
        if (table.HasSplits)
        {
            foreach (var split in Enum.GetValues<Split>())
            {
                var rows = table.Rows.Where(r => r.Split == split).ToList();
                if (rows.Count > 0)
                {
                    result.Add(Compute(LabelFile.SplitName(split), table.Labels, rows.Select(table.Target).ToList()));
                }
            }
        }

        result.Add(Compute("all", table.Labels, table.Rows.Select(table.Target).ToList()));
        return result;
    }
}
