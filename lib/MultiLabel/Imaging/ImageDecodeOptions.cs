namespace MultiLabel.Imaging;

/// <summary>How <see cref="ImageDecoder"/> turns a file into RGB.</summary>
/// <param name="MaxPixels">
/// Largest width x height accepted, checked from the header before any pixel is decoded, so a crafted file that
/// claims a huge size cannot exhaust memory. The default is PIL's decompression-bomb limit (89,478,485 pixels).
/// </param>
/// <param name="Alpha">What to do with transparency.</param>
/// <param name="Background">Background colour (R, G, B in [0, 1]) for <see cref="AlphaMode.Composite"/>.</param>
/// <param name="ApplyExifOrientation">Rotate or flip as the EXIF orientation tag says (cameras store portrait photos sideways).</param>
public sealed record ImageDecodeOptions(
    long MaxPixels = ImageDecodeOptions.DefaultMaxPixels,
    AlphaMode Alpha = AlphaMode.Discard,
    (float R, float G, float B) Background = default,
    bool ApplyExifOrientation = true)
{
    /// <summary>PIL's <c>Image.MAX_IMAGE_PIXELS</c>.</summary>
    public const long DefaultMaxPixels = 89_478_485;

    /// <summary>The defaults: 89.5 megapixels at most, alpha discarded, EXIF orientation applied.</summary>
    public static ImageDecodeOptions Default { get; } = new();

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPixels);
        foreach (var c in new[] { Background.R, Background.G, Background.B })
        {
            if (!(c >= 0 && c <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Background), Background, "components must be in [0, 1]");
            }
        }
    }
}
