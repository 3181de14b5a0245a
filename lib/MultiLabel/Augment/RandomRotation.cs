using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Rotates by an angle drawn uniformly from [<see cref="MinDegrees"/>, <see cref="MaxDegrees"/>] about the centre,
/// keeping the size; corners that come from outside get <see cref="Fill"/> (torchvision <c>RandomRotation</c> with
/// <c>expand=False</c>).
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed record RandomRotation : ITransform
{
    private readonly float[] fill;

    /// <summary>Rotates by an angle in [-<paramref name="degrees"/>, <paramref name="degrees"/>].</summary>
    public RandomRotation(double degrees, Interpolation interpolation = Interpolation.Nearest, params float[] fill)
        : this(-Math.Abs(degrees), Math.Abs(degrees), interpolation, fill)
    {
    }

    /// <summary>Rotates by an angle in [<paramref name="minDegrees"/>, <paramref name="maxDegrees"/>].</summary>
    public RandomRotation(double minDegrees, double maxDegrees, Interpolation interpolation = Interpolation.Nearest, params float[] fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!double.IsFinite(minDegrees) || !double.IsFinite(maxDegrees) || maxDegrees < minDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegrees), (minDegrees, maxDegrees), "need finite min <= max");
        }

        MinDegrees = minDegrees;
        MaxDegrees = maxDegrees;
        Interpolation = interpolation;
        this.fill = [.. fill];
    }

    /// <summary>Smallest angle (degrees, counter-clockwise).</summary>
    public double MinDegrees { get; }

    /// <summary>Largest angle (degrees, counter-clockwise).</summary>
    public double MaxDegrees { get; }

    /// <summary>Resampling of the rotated pixels.</summary>
    public Interpolation Interpolation { get; }

    /// <summary>Value of pixels from outside the image: empty (zeros), one value, or one per channel.</summary>
    public IReadOnlyList<float> Fill => fill;

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double angle = rng.Uniform(MinDegrees, MaxDegrees);
        return ImageFunctions.Rotate(image, angle, Interpolation, fill);
    }
}
