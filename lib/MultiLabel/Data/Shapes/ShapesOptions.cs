namespace MultiLabel.Data.Shapes;

/// <summary>How to generate the synthetic shapes dataset.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="ImageSize">Width and height in pixels.</param>
/// <param name="Seed">Everything is a function of the seed: the same seed gives the same images, bit for bit.</param>
/// <param name="ValFraction">Fraction of images in the validation split.</param>
/// <param name="TestFraction">Fraction of images in the test split.</param>
public sealed record ShapesOptions(
    int Count = ShapesOptions.ShippedCount,
    int ImageSize = 64,
    long Seed = ShapesOptions.ShippedSeed,
    double ValFraction = 0.15,
    double TestFraction = 0.15)
{
    /// <summary>Number of images of the dataset shipped in data/shapes.</summary>
    public const int ShippedCount = 4000;

    /// <summary>Seed of the dataset shipped in data/shapes.</summary>
    public const long ShippedSeed = 2024;

    /// <summary>The options of the shipped dataset (the defaults).</summary>
    public static ShapesOptions Shipped { get; } = new();

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(ImageSize, 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ImageSize, 512);
        if (ValFraction < 0 || TestFraction < 0 || ValFraction + TestFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ValFraction), "ValFraction and TestFraction must be >= 0 and sum to less than 1.");
        }
    }
}
