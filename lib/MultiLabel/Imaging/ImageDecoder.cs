using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace MultiLabel.Imaging;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame), WebP and TIFF files to RGB with SixLabors.ImageSharp: grayscale is
/// replicated to three channels, alpha is dropped or composited (<see cref="AlphaMode"/>), 16-bit channels keep
/// their precision in the float result, the EXIF orientation is applied, and the header is checked against a pixel
/// limit before any pixel is decoded. Every failure is an <see cref="ImageDecodeException"/> that names the file.
/// Safe to call from several threads at once.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class ImageDecoder
{
    private static readonly Configuration Config = CreateConfiguration();

    /// <summary>Decodes a file to a new float32 tensor [3,H,W] in [0,1] (the caller disposes it).</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, corrupt, truncated or too large.</exception>
    public static Tensor DecodeToTensor(string path, ImageDecodeOptions? options = null)
    {
        var (chw, height, width) = DecodeToFloats(path, options);
        return tensor(chw, [3, height, width]);
    }

    /// <summary>Decodes encoded bytes to a new float32 tensor [3,H,W] in [0,1]; <paramref name="sourceName"/> names them in errors.</summary>
    /// <exception cref="ImageDecodeException">Corrupt, truncated or too large.</exception>
    public static Tensor DecodeToTensor(byte[] data, string sourceName, ImageDecodeOptions? options = null)
    {
        var (chw, height, width) = DecodeToFloats(data, sourceName, options);
        return tensor(chw, [3, height, width]);
    }

    /// <summary>Decodes a file to float RGB planes: R plane, then G, then B (3 x H x W values in [0,1]).</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, corrupt, truncated or too large.</exception>
    public static (float[] Chw, int Height, int Width) DecodeToFloats(string path, ImageDecodeOptions? options = null) =>
        DecodeToFloats(ReadFile(path), path, options);

    /// <summary>Decodes encoded bytes to float RGB planes (3 x H x W values in [0,1]).</summary>
    /// <exception cref="ImageDecodeException">Corrupt, truncated or too large.</exception>
    public static (float[] Chw, int Height, int Width) DecodeToFloats(byte[] data, string sourceName, ImageDecodeOptions? options = null) =>
        Decode(data, sourceName, options, ToFloats);

    /// <summary>Decodes a file to 8-bit RGB (16-bit sources are rounded to 8 bits).</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, corrupt, truncated or too large.</exception>
    public static RgbImage DecodeRgb(string path, ImageDecodeOptions? options = null) => DecodeRgb(ReadFile(path), path, options);

    /// <summary>Decodes encoded bytes to 8-bit RGB; <paramref name="sourceName"/> names them in errors.</summary>
    /// <exception cref="ImageDecodeException">Corrupt, truncated or too large.</exception>
    public static RgbImage DecodeRgb(byte[] data, string sourceName, ImageDecodeOptions? options = null) =>
        Decode(data, sourceName, options, (image, o) =>
        {
            var (chw, height, width) = ToFloats(image, o);
            return ImageTensor.FloatsToRgb(chw, height, width);
        });

    /// <summary>
    /// The cheap part of a decode, without the pixels: the file can be read, its header names a known format, its
    /// size is within <see cref="ImageDecodeOptions.MaxPixels"/> and it is not truncated (<see cref="TruncationCheck"/>).
    /// A dataset runs it on every file before training, so a bad file stops a run in seconds, not after an epoch.
    /// </summary>
    /// <exception cref="ImageDecodeException">What is wrong, with the file name.</exception>
    public static void Check(string path, ImageDecodeOptions? options = null) => CheckBeforeDecode(ReadFile(path), path, options ?? ImageDecodeOptions.Default);

    /// <summary>Reads only the header: the size the decoded image will have (EXIF orientation applied).</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable or not an image.</exception>
    public static (int Width, int Height) Identify(string path, bool applyExifOrientation = true)
    {
        var data = ReadFile(path);
        var (info, _) = IdentifyOrThrow(data, path);
        return applyExifOrientation && SwapsAxes(info.Metadata) ? (info.Height, info.Width) : (info.Width, info.Height);
    }

    private static T Decode<T>(byte[] data, string sourceName, ImageDecodeOptions? options, Func<Image, ImageDecodeOptions, T> convert)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= ImageDecodeOptions.Default;
        options.Validate();
        CheckBeforeDecode(data, sourceName, options);
        try
        {
            using var image = Image.Load(Config, data);
            if (options.ApplyExifOrientation)
            {
                image.Mutate(x => x.AutoOrient());
            }

            return convert(image, options);
        }
        catch (Exception ex) when (IsDecodeFailure(ex))
        {
            throw new ImageDecodeException(sourceName, $"corrupt or truncated ({ex.Message.Split('\n')[0].Trim()})", ex);
        }
    }

    /// <summary>What <see cref="Check"/> and every decode verify before any pixel is decoded: format, size limit, truncation.</summary>
    private static void CheckBeforeDecode(byte[] data, string sourceName, ImageDecodeOptions options)
    {
        var (info, format) = IdentifyOrThrow(data, sourceName);
        long pixels = (long)info.Width * info.Height;
        if (pixels > options.MaxPixels)
        {
            throw new ImageDecodeException(sourceName, $"{info.Width}x{info.Height} = {pixels:N0} pixels exceeds the limit of {options.MaxPixels:N0} (ImageDecodeOptions.MaxPixels).");
        }

        if (TruncationCheck.Find(data, format) is { } truncated)
        {
            throw new ImageDecodeException(sourceName, truncated);
        }
    }

    private static byte[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(path, "file not found.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"cannot read the file ({ex.Message}).", ex);
        }
    }

    private static (IImageInfo Info, string Format) IdentifyOrThrow(byte[] data, string sourceName)
    {
        if (data.Length == 0)
        {
            throw new ImageDecodeException(sourceName, "the file is empty.");
        }

        try
        {
            var info = Image.Identify(Config, data, out var format);
            return info is null || format is null
                ? throw new ImageDecodeException(sourceName, "not an image in a known format (PNG, JPEG, BMP, GIF, WebP, TIFF).")
                : (info, format.Name);
        }
        catch (Exception ex) when (IsDecodeFailure(ex))
        {
            throw new ImageDecodeException(sourceName, $"corrupt or truncated ({ex.Message.Split('\n')[0].Trim()})", ex);
        }
    }

    private static bool IsDecodeFailure(Exception ex) =>
        ex is ImageFormatException or NotSupportedException or InvalidMemoryOperationException or InvalidDataException
            or EndOfStreamException or ArgumentException or IndexOutOfRangeException or OverflowException;

    private static bool SwapsAxes(ImageMetadata metadata)
    {
        var value = metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation)?.Value;
        return value is >= 5 and <= 8;
    }

    private static (float[] Chw, int Height, int Width) ToFloats(Image image, ImageDecodeOptions options)
    {
        int width = image.Width, height = image.Height, plane = width * height;
        var chw = new float[3 * plane];
        switch (image)
        {
            case Image<Rgb24> rgb:
                {
                    var pixels = new Rgb24[plane];
                    rgb.CopyPixelDataTo(pixels);
                    for (int p = 0; p < plane; p++)
                    {
                        chw[p] = pixels[p].R / 255f;
                        chw[plane + p] = pixels[p].G / 255f;
                        chw[(2 * plane) + p] = pixels[p].B / 255f;
                    }

                    break;
                }

            case Image<L16> or Image<La32> or Image<Rgb48> or Image<Rgba64>:
                {
                    using var wide = image.CloneAs<Rgba64>(Config);
                    StorePlanes(wide, chw, options);
                    break;
                }

            default:
                {
                    using var narrow = image.CloneAs<Rgba32>(Config);
                    StorePlanes(narrow, chw, options);
                    break;
                }
        }

        return (chw, height, width);
    }

    /// <summary>Scaled (0..1) colour planes of an image with alpha, dropping or compositing the alpha.</summary>
    private static void StorePlanes<TPixel>(Image<TPixel> image, float[] chw, ImageDecodeOptions options)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        int plane = image.Width * image.Height;
        var pixels = new TPixel[plane];
        image.CopyPixelDataTo(pixels);
        var bg = options.Background;
        bool composite = options.Alpha == AlphaMode.Composite;
        for (int p = 0; p < plane; p++)
        {
            var v = pixels[p].ToScaledVector4();
            float r = v.X, g = v.Y, b = v.Z, a = v.W;
            if (composite && a < 1f)
            {
                r = (r * a) + (bg.R * (1 - a));
                g = (g * a) + (bg.G * (1 - a));
                b = (b * a) + (bg.B * (1 - a));
            }

            chw[p] = r;
            chw[plane + p] = g;
            chw[(2 * plane) + p] = b;
        }
    }

    private static Configuration CreateConfiguration()
    {
        var config = Configuration.Default.Clone();
        // Loader workers decode in parallel already; one thread per decode avoids oversubscribing the cores.
        config.MaxDegreeOfParallelism = 1;
        // A second line of defence behind the header check: no single buffer above 1 GiB.
        config.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = 1024 });
        // Only the first frame of an animated GIF: a 1,000-frame GIF must not decode 1,000 frames.
        config.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return config;
    }
}
