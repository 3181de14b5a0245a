using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Resizes with bilinear interpolation, antialiased by default (torchvision <c>Resize(size, antialias=True)</c>):
/// either to an exact height x width, or so that the shorter side has a given length.
/// </summary>
public sealed record Resize : ITransform
{
    /// <summary>Resizes so that the shorter side becomes <paramref name="shorterSide"/> pixels, keeping the aspect ratio.</summary>
    public Resize(int shorterSide, bool antialias = true)
    {
        ShorterSide = Check.PositiveSize(shorterSide, nameof(shorterSide));
        Antialias = antialias;
    }

    /// <summary>Resizes to exactly <paramref name="height"/> x <paramref name="width"/>.</summary>
    public Resize(int height, int width, bool antialias = true)
    {
        Height = Check.PositiveSize(height, nameof(height));
        Width = Check.PositiveSize(width, nameof(width));
        Antialias = antialias;
    }

    /// <summary>Target of the shorter side, or null for an exact size.</summary>
    public int? ShorterSide { get; }

    /// <summary>Exact target height, or null.</summary>
    public int? Height { get; }

    /// <summary>Exact target width, or null.</summary>
    public int? Width { get; }

    /// <summary>Whether downscaling is antialiased.</summary>
    public bool Antialias { get; }

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (h, w) = ShorterSide is { } side
            ? ImageFunctions.ShorterSideSize(image.shape[^2], image.shape[^1], side)
            : (Height!.Value, Width!.Value);
        return ImageFunctions.Resize(image, h, w, Interpolation.Bilinear, Antialias);
    }
}

/// <summary>Crops the central region (torchvision <c>CenterCrop</c>; pads with zeros when the image is smaller).</summary>
public sealed record CenterCrop : ITransform
{
    /// <summary>Creates the transform.</summary>
    public CenterCrop(int height, int width)
    {
        Height = Check.PositiveSize(height, nameof(height));
        Width = Check.PositiveSize(width, nameof(width));
    }

    /// <summary>A square crop.</summary>
    public CenterCrop(int size)
        : this(size, size)
    {
    }

    /// <summary>Crop height.</summary>
    public int Height { get; }

    /// <summary>Crop width.</summary>
    public int Width { get; }

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng) => ImageFunctions.CenterCrop(image, Height, Width);
}
