using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Randomly changes brightness, contrast, saturation and hue, in a random order (torchvision <c>ColorJitter</c>):
/// factors are drawn uniformly from [max(0, 1 - b), 1 + b] for brightness, contrast and saturation and the hue
/// shift from [-h, h]; a zero disables that adjustment.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed record ColorJitter : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="brightness">Brightness factor spread b (factor in [max(0, 1 - b), 1 + b]).</param>
    /// <param name="contrast">Contrast factor spread.</param>
    /// <param name="saturation">Saturation factor spread.</param>
    /// <param name="hue">Largest hue shift in turns, at most 0.5.</param>
    public ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0, double hue = 0)
    {
        Brightness = Spread(brightness, nameof(brightness));
        Contrast = Spread(contrast, nameof(contrast));
        Saturation = Spread(saturation, nameof(saturation));
        if (!(hue is >= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(hue), hue, "must be in [0, 0.5]");
        }

        Hue = hue;
    }

    /// <summary>Brightness spread.</summary>
    public double Brightness { get; }

    /// <summary>Contrast spread.</summary>
    public double Contrast { get; }

    /// <summary>Saturation spread.</summary>
    public double Saturation { get; }

    /// <summary>Largest hue shift (turns).</summary>
    public double Hue { get; }

    /// <summary>
    /// Draws the order and the factors as torchvision's <c>get_params</c> does: first a permutation of the four
    /// adjustments (0 brightness, 1 contrast, 2 saturation, 3 hue), then each enabled factor in that fixed order.
    /// A disabled adjustment has factor null.
    /// </summary>
    public (int[] Order, double? Brightness, double? Contrast, double? Saturation, double? Hue) DrawParameters(Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var order = rng.Permutation(4);
        double? b = Brightness > 0 ? rng.Uniform(Math.Max(0, 1 - Brightness), 1 + Brightness) : null;
        double? c = Contrast > 0 ? rng.Uniform(Math.Max(0, 1 - Contrast), 1 + Contrast) : null;
        double? s = Saturation > 0 ? rng.Uniform(Math.Max(0, 1 - Saturation), 1 + Saturation) : null;
        double? h = Hue > 0 ? rng.Uniform(-Hue, Hue) : null;
        return (order, b, c, s, h);
    }

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (order, b, c, s, h) = DrawParameters(rng);
        using var scope = NewDisposeScope();
        var x = image;
        foreach (int step in order)
        {
            x = step switch
            {
                0 when b is { } factor => ImageFunctions.AdjustBrightness(x, factor),
                1 when c is { } factor => ImageFunctions.AdjustContrast(x, factor),
                2 when s is { } factor => ImageFunctions.AdjustSaturation(x, factor),
                3 when h is { } shift => ImageFunctions.AdjustHue(x, shift),
                _ => x,
            };
        }

        return (ReferenceEquals(x, image) ? image.alias() : x).MoveToOuterDisposeScope();
    }

    private static double Spread(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "must be a finite number >= 0");
}
