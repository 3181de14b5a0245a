using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace MultiLabel.Imaging;

/// <summary>Encodes images to PNG: from 8-bit RGB bytes or from a float tensor [3,H,W] in [0,1].</summary>
public static class PngCodec
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.BestCompression,
        FilterMethod = PngFilterMethod.Adaptive,
        // No time stamps or gamma chunks: the same pixels always give the same bytes.
        ChunkFilter = PngChunkFilter.ExcludeAll,
    };

    /// <summary>PNG bytes of an 8-bit RGB image stored row-major as height x width x 3.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width}x{height}x3 = {width * height * 3} bytes, got {rgb.Length}.", nameof(rgb));
        }

        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, Encoder);
        return stream.ToArray();
    }

    /// <summary>PNG bytes of a float image tensor [3,H,W] (or [1,H,W] grey) with values in [0,1] (clamped).</summary>
    public static byte[] Encode(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (bytes, width, height) = ToRgbBytes(image);
        return Encode(bytes, width, height);
    }

    /// <summary>Converts a float tensor [3,H,W] or [1,H,W] in [0,1] to 8-bit RGB bytes (height x width x 3).</summary>
    public static (byte[] Rgb, int Width, int Height) ToRgbBytes(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() != 3 || (image.shape[0] != 3 && image.shape[0] != 1))
        {
            throw new ArgumentException($"Expected an image tensor [3,H,W] or [1,H,W], got [{string.Join(",", image.shape)}].", nameof(image));
        }

        using var scope = NewDisposeScope();
        var hwc = image.detach().to(CPU).to(ScalarType.Float32).expand(3, -1, -1)
            .clamp(0, 1).mul(255).round().to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        int height = (int)image.shape[1], width = (int)image.shape[2];
        return (hwc.data<byte>().ToArray(), width, height);
    }
}
