using MultiLabel.Imaging;

namespace MultiLabel.Data;

/// <summary>How <see cref="ImageFolderDataset"/> reads its images.</summary>
/// <param name="OnBadImage">Fail on the first bad image (default) or skip and report bad images.</param>
/// <param name="Preload">
/// Decode every image once when the dataset opens and keep 8-bit RGB in memory (fast epochs for small datasets such
/// as the embedded shapes); otherwise decode on every access, on the loader's workers.
/// </param>
/// <param name="Decode">Decoding options (pixel limit, alpha, EXIF).</param>
public sealed record ImageFolderOptions(
    BadImagePolicy OnBadImage = BadImagePolicy.Fail,
    bool Preload = false,
    ImageDecodeOptions? Decode = null)
{
    /// <summary>The defaults: fail on bad images, decode lazily.</summary>
    public static ImageFolderOptions Default { get; } = new();
}
