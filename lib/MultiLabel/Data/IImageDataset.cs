using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// A multi-label image dataset: index -> (image [3,H,W] float32 in [0,1], multi-hot target [L]).
/// Targets are cheap (no decoding), so statistics and class weights never touch pixels.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public interface IImageDataset
{
    /// <summary>The label names; target column i is label i.</summary>
    LabelVocabulary Labels { get; }

    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>A stable name of sample <paramref name="index"/> (its file name for file datasets).</summary>
    string GetName(int index);

    /// <summary>The multi-hot target of sample <paramref name="index"/> (length L, values 0 or 1).</summary>
    ReadOnlySpan<float> GetTarget(int index);

    /// <summary>
    /// The image of sample <paramref name="index"/> as a new float32 tensor [3,H,W] in [0,1] on the CPU.
    /// The caller owns (disposes) it. Safe to call from several threads at once.
    /// </summary>
    Tensor GetImage(int index);
}
