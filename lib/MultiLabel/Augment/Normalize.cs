using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Subtracts a per-channel mean and divides by a per-channel standard deviation (torchvision <c>Normalize</c>);
/// works on [C,H,W] and [N,C,H,W]. Pretrained ImageNet models expect <see cref="ImageNet"/>.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed record Normalize : ITransform
{
    private readonly float[] mean;
    private readonly float[] std;

    /// <summary>Creates the transform; one mean and one std per channel.</summary>
    public Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"mean ({mean.Count} values) and std ({std.Count}) must be non-empty and of equal length.", nameof(mean));
        }

        this.mean = [.. mean];
        this.std = [.. std];
    }

    /// <summary>The ImageNet statistics torchvision's pretrained models were trained with.</summary>
    public static Normalize ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Per-channel means.</summary>
    public IReadOnlyList<float> Mean => mean;

    /// <summary>Per-channel standard deviations.</summary>
    public IReadOnlyList<float> Std => std;

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng) => ImageFunctions.Normalize(image, mean, std);

    /// <summary>Normalises a batch [N,C,H,W] (or one image) without a generator.</summary>
    public Tensor Apply(Tensor images) => ImageFunctions.Normalize(images, mean, std);

    /// <inheritdoc />
    public bool Equals(Normalize? other) => other is not null && mean.SequenceEqual(other.mean) && std.SequenceEqual(other.std);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(mean.Length, mean[0], std[0]);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"Normalize {{ Mean = [{string.Join(", ", mean)}], Std = [{string.Join(", ", std)}] }}");
}
