using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Crops a random region and resizes it to <see cref="Height"/> x <see cref="Width"/> (torchvision
/// <c>RandomResizedCrop</c>): the region's area is a fraction of the image drawn uniformly from <see cref="Scale"/>,
/// its aspect ratio is log-uniform in <see cref="Ratio"/>; after 10 failed tries it falls back to the largest
/// central crop whose ratio is in range. Unlike TorchSharp's TorchVision version it draws from the sample's
/// generator, scales area (not side), honours the ratio and works on images smaller than the output.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed record RandomResizedCrop : ITransform
{
    /// <summary>Creates the transform with torchvision's defaults: scale (0.08, 1), ratio (3/4, 4/3).</summary>
    public RandomResizedCrop(int height, int width, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, bool antialias = true)
    {
        Height = Check.PositiveSize(height, nameof(height));
        Width = Check.PositiveSize(width, nameof(width));
        var s = scale ?? (0.08, 1.0);
        var r = ratio ?? (3.0 / 4.0, 4.0 / 3.0);
        Scale = Check.Range(s.Min, s.Max, double.Epsilon, nameof(scale));
        Ratio = Check.Range(r.Min, r.Max, double.Epsilon, nameof(ratio));
        Antialias = antialias;
    }

    /// <summary>A square output.</summary>
    public RandomResizedCrop(int size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null)
        : this(size, size, scale, ratio)
    {
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>Range of the crop's area as a fraction of the image's.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the crop's width / height.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>Whether the resize is antialiased.</summary>
    public bool Antialias { get; }

    /// <summary>torchvision's <c>get_params</c>: the crop (top, left, height, width) for an image of the given size.</summary>
    public static (int Top, int Left, int Height, int Width) DrawCrop(
        int imageHeight, int imageWidth, (double Min, double Max) scale, (double Min, double Max) ratio, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double area = (double)imageHeight * imageWidth;
        double logMin = Math.Log(ratio.Min), logMax = Math.Log(ratio.Max);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double targetArea = area * rng.Uniform(scale.Min, scale.Max);
            double aspect = Math.Exp(rng.Uniform(logMin, logMax));
            int w = RoundHalfEven(Math.Sqrt(targetArea * aspect));
            int h = RoundHalfEven(Math.Sqrt(targetArea / aspect));
            if (w > 0 && w <= imageWidth && h > 0 && h <= imageHeight)
            {
                int top = rng.NextInt(imageHeight - h + 1);
                int left = rng.NextInt(imageWidth - w + 1);
                return (top, left, h, w);
            }
        }

        // Fallback: central crop with the ratio clamped into range.
        double inRatio = (double)imageWidth / imageHeight;
        int cropW, cropH;
        if (inRatio < ratio.Min)
        {
            cropW = imageWidth;
            cropH = RoundHalfEven(cropW / ratio.Min);
        }
        else if (inRatio > ratio.Max)
        {
            cropH = imageHeight;
            cropW = RoundHalfEven(cropH * ratio.Max);
        }
        else
        {
            cropW = imageWidth;
            cropH = imageHeight;
        }

        return ((imageHeight - cropH) / 2, (imageWidth - cropW) / 2, cropH, cropW);
    }

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (top, left, h, w) = DrawCrop((int)image.shape[^2], (int)image.shape[^1], Scale, Ratio, rng);
        return ImageFunctions.ResizedCrop(image, top, left, h, w, Height, Width, Antialias);
    }

    /// <summary>Python's <c>int(round(x))</c>: halves go to the even neighbour.</summary>
    private static int RoundHalfEven(double x) => (int)Math.Round(x, MidpointRounding.ToEven);
}
