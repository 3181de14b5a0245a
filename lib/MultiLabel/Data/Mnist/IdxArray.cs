namespace MultiLabel.Data.Mnist;

/// <summary>An unsigned-byte IDX array (the MNIST file format): its shape and its values in row-major order.</summary>
/// <param name="Shape">The dimensions, outermost first (e.g. [60000, 28, 28]).</param>
/// <param name="Data">The values, Shape[0] x Shape[1] x ... bytes.</param>
public sealed record IdxArray(IReadOnlyList<int> Shape, byte[] Data)
{
    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Shape[0];

    /// <summary>Bytes per item (the product of the other dimensions).</summary>
    public int ItemSize => Shape.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>The bytes of item <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Item(int index) => Data.AsSpan(index * ItemSize, ItemSize);
}
