using MultiLabel.Imaging;
using MultiLabel.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MultiLabel.Tests.Imaging;

public sealed class ImageDecoderTests
{
    [Theory]
    [InlineData("png")]
    [InlineData("bmp")]
    [InlineData("webp")]
    public void Lossless_formats_decode_to_the_exact_pixels(string format)
    {
        using var image = TestImages.Pattern();
        var decoded = ImageDecoder.DecodeRgb(TestImages.Encode(image, format), "pattern." + format);
        Assert.Equal((4, 3), (decoded.Width, decoded.Height));
        for (int y = 0; y < 3; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                var e = TestImages.Expected(x, y);
                int i = 3 * ((y * 4) + x);
                Assert.Equal(new[] { e.R, e.G, e.B }, decoded.Pixels[i..(i + 3)]);
            }
        }
    }

    [Theory]
    [InlineData("jpg", 6)]
    [InlineData("gif", 12)]
    public void Lossy_and_palette_formats_decode_close_to_the_pixels(string format, int tolerance)
    {
        using var image = new Image<Rgb24>(16, 16, new Rgb24(200, 40, 90));
        var decoded = ImageDecoder.DecodeRgb(TestImages.Encode(image, format), "solid." + format);
        Assert.Equal((16, 16), (decoded.Width, decoded.Height));
        Assert.InRange(decoded.Pixels[0], 200 - tolerance, 200 + tolerance);
        Assert.InRange(decoded.Pixels[1], 40 - tolerance, 40 + tolerance);
        Assert.InRange(decoded.Pixels[2], 90 - tolerance, 90 + tolerance);
    }

    [Fact]
    public void Tensor_is_chw_float_in_unit_range()
    {
        using var image = TestImages.Pattern();
        using var t = ImageDecoder.DecodeToTensor(TestImages.Encode(image, "png"), "p.png");
        Assert.Equal(new long[] { 3, 3, 4 }, t.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, t.dtype);
        // pixel (x=2, y=1) = (21, 22, 19)
        Assert.Equal(21 / 255f, t[0, 1, 2].item<float>());
        Assert.Equal(22 / 255f, t[1, 1, 2].item<float>());
        Assert.Equal(19 / 255f, t[2, 1, 2].item<float>());
    }

    [Fact]
    public void Grayscale_is_replicated_to_three_channels()
    {
        using var image = new Image<L8>(2, 2, new L8(77));
        var decoded = ImageDecoder.DecodeRgb(TestImages.Encode(image, "png"), "gray.png");
        Assert.All(decoded.Pixels, b => Assert.Equal(77, b));
    }

    [Fact]
    public void Sixteen_bit_channels_keep_their_precision_in_the_float_result()
    {
        using var image = new Image<Rgb48>(1, 1, new Rgb48(25701, 1, 65535));
        var (chw, h, w) = ImageDecoder.DecodeToFloats(TestImages.Encode(image, "png16"), "deep.png");
        Assert.Equal((1, 1), (h, w));
        Assert.Equal(25701 / 65535f, chw[0]);
        Assert.Equal(1 / 65535f, chw[1]);
        Assert.Equal(1f, chw[2]);
        // 25701 / 65535 lies between two 8-bit levels: an 8-bit decode could not represent it.
        Assert.NotEqual(MathF.Round(chw[0] * 255f) / 255f, chw[0]);
    }

    [Fact]
    public void Alpha_is_dropped_by_default_and_composited_on_request()
    {
        using var image = new Image<Rgba32>(1, 1, new Rgba32(200, 100, 0, 51)); // alpha 0.2
        var bytes = TestImages.Encode(image, "png");
        var (kept, _, _) = ImageDecoder.DecodeToFloats(bytes, "a.png");
        Assert.Equal(new[] { 200 / 255f, 100 / 255f, 0f }, kept);

        var white = new ImageDecodeOptions(Alpha: AlphaMode.Composite, Background: (1f, 1f, 1f));
        var (over, _, _) = ImageDecoder.DecodeToFloats(bytes, "a.png", white);
        // 0.2 x colour + 0.8 x white
        Assert.Equal((0.2f * 200 / 255f) + 0.8f, over[0], 5);
        Assert.Equal((0.2f * 100 / 255f) + 0.8f, over[1], 5);
        Assert.Equal(0.8f, over[2], 5);
    }

    [Fact]
    public void Exif_orientation_is_applied_unless_disabled()
    {
        using var image = TestImages.Pattern(); // 4 wide, 3 high
        var bytes = TestImages.WithOrientation(image, 6); // "rotate 90 degrees clockwise to display"
        var upright = ImageDecoder.DecodeRgb(bytes, "o.png");
        Assert.Equal((3, 4), (upright.Width, upright.Height));
        // Clockwise quarter turn: the stored top-left pixel ends at the top-right.
        var topLeft = TestImages.Expected(0, 0);
        int i = 3 * (upright.Width - 1);
        Assert.Equal(new[] { topLeft.R, topLeft.G, topLeft.B }, upright.Pixels[i..(i + 3)]);
        Assert.Equal((3, 4), ImageDecoder.Identify(WriteTemp(bytes, out var tmp)));
        tmp.Dispose();

        var raw = ImageDecoder.DecodeRgb(bytes, "o.png", new ImageDecodeOptions(ApplyExifOrientation: false));
        Assert.Equal((4, 3), (raw.Width, raw.Height));
    }

    [Fact]
    public void A_header_claiming_too_many_pixels_is_rejected_before_decoding()
    {
        var bomb = TestImages.PngHeaderOnly(100_000, 100_000);
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeRgb(bomb, "bomb.png"));
        Assert.Contains("bomb.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10,000,000,000 pixels exceeds the limit", ex.Message, StringComparison.Ordinal);

        using var image = new Image<Rgb24>(40, 30);
        var small = TestImages.Encode(image, "png");
        var limited = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeRgb(small, "big.png", new ImageDecodeOptions(MaxPixels: 1000)));
        Assert.Contains("40x30", limited.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("bmp")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void A_truncated_file_is_an_error_naming_it(string format)
    {
        using var image = new Image<Rgb24>(32, 32);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 8), (byte)(y * 8), (byte)((x * y) % 251));
            }
        }

        var full = TestImages.Encode(image, format);
        var cut = full[..(int)(full.Length * 0.7)];
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeRgb(cut, "cut." + format));
        Assert.Contains("cut." + format, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Equal("cut." + format, ex.FileName);
    }

    [Fact]
    public void Garbage_empty_and_missing_files_are_errors_naming_the_file()
    {
        using var tmp = new TempDir();
        var garbage = tmp.Combine("garbage.png");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var empty = tmp.Combine("empty.jpg");
        File.WriteAllBytes(empty, []);
        var missing = tmp.Combine("missing.png");

        Assert.Contains("not an image in a known format", Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeToTensor(garbage)).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeToTensor(empty)).Message, StringComparison.Ordinal);
        var notFound = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeToTensor(missing));
        Assert.Contains("file not found", notFound.Message, StringComparison.Ordinal);
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);
    }

    private static string WriteTemp(byte[] bytes, out TempDir tmp)
    {
        tmp = new TempDir();
        var path = tmp.Combine("image.png");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
