using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace MultiLabel.Imaging;

/// <summary>
/// Encodes 8-bit RGB to PNG with fixed settings (RGB, 8 bits, adaptive filter, zlib level 6, no metadata chunks),
/// so the same pixels always give the same bytes: ImageSharp's deflate is managed code, identical on every platform.
/// Decode with <see cref="ImageDecoder"/>.
/// </summary>
public static class PngCodec
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        FilterMethod = PngFilterMethod.Adaptive,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
        InterlaceMethod = PngInterlaceMode.None,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        IgnoreMetadata = true,
    };

    /// <summary>PNG bytes of an 8-bit RGB image.</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Encode(image.Pixels, image.Width, image.Height);
    }

    /// <summary>PNG bytes of height x width x 3 RGB bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> hwc, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (hwc.Length != 3 * width * height)
        {
            throw new ArgumentException($"Expected {width}x{height}x3 = {3 * width * height} bytes, got {hwc.Length}.", nameof(hwc));
        }

        using var image = Image.LoadPixelData<Rgb24>(hwc, width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, Encoder);
        return stream.ToArray();
    }

    /// <summary>PNG bytes of a tensor [3,H,W] in [0,1] (clamped, rounded to 8 bits).</summary>
    public static byte[] Encode(Tensor chw) => Encode(ImageTensor.ToRgb(chw));
}
