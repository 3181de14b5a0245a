using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace MultiLabel.Tests.Imaging;

/// <summary>Small encoded images made in the test, in every format the decoder supports.</summary>
internal static class TestImages
{
    /// <summary>A 4x3 RGB image whose pixel (x, y) is (10x + 1, 20y + 2, 7x + 5y).</summary>
    public static Image<Rgb24> Pattern()
    {
        var image = new Image<Rgb24>(4, 3);
        for (int y = 0; y < 3; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                image[x, y] = Expected(x, y);
            }
        }

        return image;
    }

    public static Rgb24 Expected(int x, int y) => new((byte)((10 * x) + 1), (byte)((20 * y) + 2), (byte)((7 * x) + (5 * y)));

    public static byte[] Encode<TPixel>(Image<TPixel> image, string format)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = new MemoryStream();
        switch (format)
        {
            case "png": image.SaveAsPng(stream); break;
            case "png16": image.SaveAsPng(stream, new PngEncoder { BitDepth = PngBitDepth.Bit16 }); break;
            case "jpg": image.SaveAsJpeg(stream, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 95 }); break;
            case "bmp": image.SaveAsBmp(stream); break;
            case "gif": image.SaveAsGif(stream); break;
            case "webp": image.SaveAsWebp(stream, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }); break;
            default: throw new ArgumentException(format, nameof(format));
        }

        return stream.ToArray();
    }

    /// <summary>A PNG carrying an EXIF orientation tag.</summary>
    public static byte[] WithOrientation(Image<Rgb24> image, ushort orientation)
    {
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        return Encode(image, "png");
    }

    /// <summary>The bytes of a PNG with only a signature and an IHDR chunk claiming <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] PngHeaderOnly(uint width, uint height)
    {
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8; // bit depth
        ihdr[13] = 2; // colour type RGB
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        bytes.AddRange(ihdr);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(ihdr));
        bytes.AddRange(crc);
        return [.. bytes];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
