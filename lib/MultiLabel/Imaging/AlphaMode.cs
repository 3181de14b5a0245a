namespace MultiLabel.Imaging;

/// <summary>What decoding does with an alpha channel.</summary>
public enum AlphaMode
{
    /// <summary>Drop alpha and keep the colour as stored (PIL's <c>convert("RGB")</c>, torchvision's <c>ImageReadMode.RGB</c>).</summary>
    Discard,

    /// <summary>Composite the image over <see cref="ImageDecodeOptions.Background"/> (what a viewer shows).</summary>
    Composite,
}
