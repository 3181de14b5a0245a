namespace MultiLabel.Imaging;

/// <summary>
/// An 8-bit RGB image: <see cref="Pixels"/> holds height x width x 3 bytes, row by row (R, G, B per pixel).
/// The compact form for images kept in memory; <see cref="ImageTensor"/> converts it to and from tensors.
/// </summary>
public sealed record RgbImage
{
    /// <summary>Creates the image; <paramref name="pixels"/> must hold exactly width x height x 3 bytes.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"Expected {width}x{height}x3 = {(long)width * height * 3} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The bytes, height x width x 3.</summary>
    public byte[] Pixels { get; }
}
