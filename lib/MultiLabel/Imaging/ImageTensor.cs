using static TorchSharp.torch;

namespace MultiLabel.Imaging;

/// <summary>
/// Converts between 8-bit RGB images (height x width x 3 bytes) and float32 tensors [3,H,W] in [0,1]:
/// byte v becomes v / 255, and back round(clamp(x, 0, 1) * 255).
/// </summary>
public static class ImageTensor
{
    /// <summary>A new float32 tensor [3,H,W] in [0,1] from an 8-bit RGB image.</summary>
    public static Tensor FromRgb(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return FromRgb(image.Pixels, image.Height, image.Width);
    }

    /// <summary>A new float32 tensor [3,H,W] in [0,1] from height x width x 3 bytes.</summary>
    public static Tensor FromRgb(ReadOnlySpan<byte> hwc, int height, int width)
    {
        int plane = height * width;
        if (hwc.Length != 3 * plane)
        {
            throw new ArgumentException($"Expected {height}x{width}x3 = {3 * plane} bytes, got {hwc.Length}.", nameof(hwc));
        }

        var chw = new float[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            chw[p] = hwc[3 * p] / 255f;
            chw[plane + p] = hwc[(3 * p) + 1] / 255f;
            chw[(2 * plane) + p] = hwc[(3 * p) + 2] / 255f;
        }

        return tensor(chw, [3, height, width]);
    }

    /// <summary>An 8-bit RGB image from a tensor [3,H,W] (values clamped to [0,1], then rounded).</summary>
    public static RgbImage ToRgb(Tensor chw)
    {
        ArgumentNullException.ThrowIfNull(chw);
        if (chw.dim() != 3 || chw.shape[0] != 3)
        {
            throw new ArgumentException($"Expected a tensor [3,H,W], got [{string.Join(",", chw.shape)}].", nameof(chw));
        }

        int height = (int)chw.shape[1], width = (int)chw.shape[2];
        using var cpu = chw.detach().to(ScalarType.Float32, CPU).contiguous();
        return FloatsToRgb(cpu.data<float>().ToArray(), height, width);
    }

    /// <summary>An 8-bit RGB image from float planes (R, then G, then B; 3 x H x W values).</summary>
    public static RgbImage FloatsToRgb(ReadOnlySpan<float> chw, int height, int width)
    {
        int plane = height * width;
        if (chw.Length != 3 * plane)
        {
            throw new ArgumentException($"Expected 3x{height}x{width} = {3 * plane} values, got {chw.Length}.", nameof(chw));
        }

        var hwc = new byte[3 * plane];
        for (int c = 0; c < 3; c++)
        {
            for (int p = 0; p < plane; p++)
            {
                hwc[(3 * p) + c] = ToByte(chw[(c * plane) + p]);
            }
        }

        return new RgbImage(width, height, hwc);
    }

    /// <summary>round(clamp(x, 0, 1) * 255), NaN to 0.</summary>
    public static byte ToByte(float x) =>
        !(x > 0) ? (byte)0 : x >= 1 ? (byte)255 : (byte)MathF.Round(x * 255f, MidpointRounding.AwayFromZero);
}
