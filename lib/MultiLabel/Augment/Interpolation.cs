namespace MultiLabel.Augment;

/// <summary>How resampling transforms compute a pixel that falls between source pixels.</summary>
public enum Interpolation
{
    /// <summary>The nearest source pixel (torchvision's default for rotation).</summary>
    Nearest,

    /// <summary>Weighted mean of the four nearest pixels (torchvision's default for resizing).</summary>
    Bilinear,
}
