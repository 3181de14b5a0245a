using MultiLabel.Imaging;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Imaging;

public sealed class PngCodecTests
{
    private static RgbImage Gradient()
    {
        var pixels = new byte[5 * 7 * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 37 % 256);
        }

        return new RgbImage(7, 5, pixels);
    }

    [Fact]
    public void Encode_then_decode_gives_the_same_pixels_and_encoding_is_repeatable()
    {
        var image = Gradient();
        var png = PngCodec.Encode(image);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(image.Pixels, ImageDecoder.DecodeRgb(png, "g.png").Pixels);
        Assert.Equal(png, PngCodec.Encode(image));
        // Fixed settings, no metadata: the only chunks are IHDR, IDAT and IEND.
        var text = System.Text.Encoding.ASCII.GetString(png);
        Assert.DoesNotContain("pHYs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tEXt", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_round_trip_rounds_to_the_nearest_level_and_clamps()
    {
        using var t = tensor(new float[] { 0.5f, -1f, 2f, 0.2f, 0.99f, 0f }, [3, 1, 2]);
        var rgb = ImageTensor.ToRgb(t);
        // planes R = (0.5, -1), G = (2, 0.2), B = (0.99, 0): pixel 0 = (128, 2 -> 255, 252), pixel 1 = (-1 -> 0, 51, 0)
        Assert.Equal(new byte[] { 128, 255, 252, 0, 51, 0 }, rgb.Pixels);
        using var back = ImageTensor.FromRgb(rgb);
        Assert.Equal(128 / 255f, back[0, 0, 0].item<float>());
        Assert.Equal(ImageDecoder.DecodeRgb(PngCodec.Encode(t), "t.png").Pixels, rgb.Pixels);
    }
}
