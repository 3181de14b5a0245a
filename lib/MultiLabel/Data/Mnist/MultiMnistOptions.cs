namespace MultiLabel.Data.Mnist;

/// <summary>How to compose multi-digit MNIST images.</summary>
/// <param name="Count">Images to compose.</param>
/// <param name="CanvasSize">Canvas width and height in pixels (digits are 28x28).</param>
/// <param name="Seed">The same seed and source digits give the same images.</param>
/// <param name="MinDigits">Fewest digits per image.</param>
/// <param name="MaxDigits">Most digits per image.</param>
/// <param name="MaxOverlap">Largest fraction of a digit's 28x28 box another digit's box may cover.</param>
public sealed record MultiMnistOptions(
    int Count,
    int CanvasSize = 64,
    long Seed = 0,
    int MinDigits = 1,
    int MaxDigits = 4,
    double MaxOverlap = 0.3)
{
    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(CanvasSize, 28);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDigits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDigits, MinDigits);
        if (!(MaxOverlap is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOverlap), MaxOverlap, "must be in [0, 1]");
        }
    }
}
