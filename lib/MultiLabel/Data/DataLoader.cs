using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// Groups a dataset into batches. With <c>shuffle</c> the order differs every epoch yet is reproducible:
/// epoch e's order is a function of (seed, e) only. Each sample's transform gets its own generator derived
/// from (seed, epoch, index), so augmentation is per sample and repeatable.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed class DataLoader
{
    private readonly IImageDataset dataset;
    private readonly Func<Tensor, Pcg32, Tensor>? transform;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">A new order every epoch (training) or dataset order (evaluation).</param>
    /// <param name="seed">Seeds the order and the per-sample transforms.</param>
    /// <param name="dropLast">Drop the last, smaller batch (keeps BatchNorm statistics stable).</param>
    /// <param name="transform">Optional per-sample transform of a [3,H,W] image; it receives a generator of its own.</param>
    public DataLoader(IImageDataset dataset, int batchSize, bool shuffle, long seed = 0, bool dropLast = false, Func<Tensor, Pcg32, Tensor>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        this.dataset = dataset;
        this.transform = transform;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch has its own order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of orders and transforms.</summary>
    public long Seed { get; }

    /// <summary>Whether the last incomplete batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The dataset.</summary>
    public IImageDataset Dataset => dataset;

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount => DropLast ? dataset.Count / BatchSize : (dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The sample order of epoch <paramref name="epoch"/>.</summary>
    public int[] Order(int epoch)
    {
        if (!Shuffle)
        {
            return Enumerable.Range(0, dataset.Count).ToArray();
        }

        return Pcg32.Derive(Seed, 0x5348_5546, epoch).Permutation(dataset.Count);
    }

    /// <summary>The batches of epoch <paramref name="epoch"/>, built lazily. Dispose each batch after use.</summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        var order = Order(epoch);
        for (int b = 0; b < BatchCount; b++)
        {
            int start = b * BatchSize;
            int[] indices = order[start..Math.Min(start + BatchSize, order.Length)];
            yield return MakeBatch(indices, epoch);
        }
    }

    private Batch MakeBatch(int[] indices, int epoch)
    {
        using var scope = NewDisposeScope();
        var images = new Tensor[indices.Length];
        var targets = new float[indices.Length * dataset.Labels.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            var image = dataset.GetImage(indices[i]);
            if (transform is not null)
            {
                image = transform(image, Pcg32.Derive(Seed, 0x4155_474D, epoch, indices[i]));
            }

            images[i] = image;
            dataset.GetTarget(indices[i]).CopyTo(targets.AsSpan(i * dataset.Labels.Count));
        }

        var stacked = stack(images).MoveToOuterDisposeScope();
        var targetTensor = tensor(targets, [indices.Length, dataset.Labels.Count]).MoveToOuterDisposeScope();
        return new Batch(stacked, targetTensor, indices);
    }
}
