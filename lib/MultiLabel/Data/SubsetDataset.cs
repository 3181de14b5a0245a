using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// Some samples of another dataset, by index, without copying anything (PyTorch's <c>torch.utils.data.Subset</c>):
/// sample i is sample <c>Indices[i]</c> of <see cref="Inner"/>. <see cref="Sample"/> takes the first n of a seeded
/// random order, e.g. the 200 labelled images a fine-tuning lesson trains on.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public sealed class SubsetDataset : IImageDataset
{
    private const long OrderStream = 0x5355_4253;
    private readonly int[] indices;

    /// <summary>Creates the subset; every index must be a sample of <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the inner dataset.</exception>
    public SubsetDataset(IImageDataset inner, IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(indices);
        this.indices = [.. indices];
        foreach (var i in this.indices)
        {
            if (i < 0 || i >= inner.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"index outside the dataset's {inner.Count} samples");
            }
        }

        Inner = inner;
    }

    /// <summary>The dataset the samples come from.</summary>
    public IImageDataset Inner { get; }

    /// <summary>The inner index of each sample.</summary>
    public IReadOnlyList<int> Indices => indices;

    /// <inheritdoc />
    public LabelVocabulary Labels => Inner.Labels;

    /// <inheritdoc />
    public int Count => indices.Length;

    /// <summary>
    /// The first <paramref name="count"/> samples of a random order of <paramref name="dataset"/> that depends only on
    /// <paramref name="seed"/> and the dataset's size; a larger count keeps the smaller one's samples. A count of
    /// at least the dataset's size keeps every sample (in that order).
    /// </summary>
    public static SubsetDataset Sample(IImageDataset dataset, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = Pcg32.Derive(seed, OrderStream, dataset.Count).Permutation(dataset.Count);
        return new SubsetDataset(dataset, order.Take(count));
    }

    /// <inheritdoc />
    public string GetName(int index) => Inner.GetName(indices[index]);

    /// <inheritdoc />
    public ReadOnlySpan<float> GetTarget(int index) => Inner.GetTarget(indices[index]);

    /// <inheritdoc />
    public Tensor GetImage(int index) => Inner.GetImage(indices[index]);
}
