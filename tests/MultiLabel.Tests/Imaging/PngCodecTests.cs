using MultiLabel.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Imaging;

public sealed class PngCodecTests
{
    [Fact]
    public void Rgb_bytes_round_trip_through_png()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];
        var png = PngCodec.Encode(rgb, width: 3, height: 2);
        using var image = Image.Load<Rgb24>(png);
        Assert.Equal(3, image.Width);
        Assert.Equal(2, image.Height);
        Assert.Equal(new Rgb24(0, 0, 255), image[2, 0]);
        Assert.Equal(new Rgb24(70, 80, 90), image[2, 1]);
        Assert.Equal(png, PngCodec.Encode(rgb, 3, 2));
    }

    [Fact]
    public void Tensor_is_clamped_scaled_and_laid_out_as_rows()
    {
        // [3, 1, 2]: pixel (0,0) = (0, 0.5, 1), pixel (1,0) = (2 -> 1, -1 -> 0, 0.2)
        using var t = tensor(new float[] { 0f, 2f, 0.5f, -1f, 1f, 0.2f }, [3, 1, 2]);
        var (bytes, width, height) = PngCodec.ToRgbBytes(t);
        Assert.Equal((2, 1), (width, height));
        Assert.Equal(new byte[] { 0, 128, 255, 255, 0, 51 }, bytes);
    }

    [Fact]
    public void Grey_tensor_is_expanded_and_wrong_shapes_are_rejected()
    {
        using var grey = full(new long[] { 1, 2, 2 }, 1.0f);
        Assert.All(PngCodec.ToRgbBytes(grey).Rgb, b => Assert.Equal(255, b));
        using var bad = zeros(2, 4, 4);
        Assert.Throws<ArgumentException>(() => PngCodec.ToRgbBytes(bad));
        Assert.Throws<ArgumentException>(() => PngCodec.Encode(new byte[5], 2, 1));
    }
}
