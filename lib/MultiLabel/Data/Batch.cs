using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// One mini-batch: images [B,3,H,W] float32, targets [B,L] float32 (0/1) and the dataset indices they came from.
/// The batch owns its tensors: dispose it when done (the trainer does).
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>Creates a batch that takes ownership of the tensors.</summary>
    public Batch(Tensor images, Tensor targets, int[] indices)
    {
        Images = images;
        Targets = targets;
        Indices = indices;
    }

    /// <summary>Images [B,3,H,W].</summary>
    public Tensor Images { get; }

    /// <summary>Multi-hot targets [B,L].</summary>
    public Tensor Targets { get; }

    /// <summary>The dataset index of each row.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Number of samples in the batch.</summary>
    public int Size => Indices.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
    }
}
