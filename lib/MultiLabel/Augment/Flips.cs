using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Mirrors the image with probability <see cref="P"/>, decided per image from its own generator; the base of the
/// horizontal and vertical flips.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public abstract record RandomFlip : ITransform
{
    /// <summary>Creates the transform.</summary>
    protected RandomFlip(double p) => P = Check.Probability(p, nameof(p));

    /// <summary>Probability of a flip.</summary>
    public double P { get; }

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(rng);
        return rng.Bernoulli(P) ? Flip(image) : image.alias();
    }

    /// <summary>The flip itself.</summary>
    protected abstract Tensor Flip(Tensor image);
}

/// <summary>Mirrors the image left to right with probability <see cref="RandomFlip.P"/> (torchvision <c>RandomHorizontalFlip</c>).</summary>
public sealed record RandomHorizontalFlip : RandomFlip
{
    /// <summary>Creates the transform.</summary>
    public RandomHorizontalFlip(double p = 0.5)
        : base(p)
    {
    }

    /// <inheritdoc />
    protected override Tensor Flip(Tensor image) => ImageFunctions.HorizontalFlip(image);
}

/// <summary>Mirrors the image top to bottom with probability <see cref="RandomFlip.P"/> (torchvision <c>RandomVerticalFlip</c>).</summary>
public sealed record RandomVerticalFlip : RandomFlip
{
    /// <summary>Creates the transform.</summary>
    public RandomVerticalFlip(double p = 0.5)
        : base(p)
    {
    }

    /// <inheritdoc />
    protected override Tensor Flip(Tensor image) => ImageFunctions.VerticalFlip(image);
}

/// <summary>
/// Rotates by 0, 90, 180 or 270 degrees, each equally likely: exact (no resampling, no fill), and label-preserving
/// whenever orientation carries no meaning (shapes, satellite tiles, microscopy).
/// </summary>
public sealed record RandomRotation90 : ITransform
{
    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(rng);
        return ImageFunctions.Rotate90(image, rng.NextInt(4));
    }
}
