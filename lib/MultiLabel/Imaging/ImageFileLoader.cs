using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace MultiLabel.Imaging;

/// <summary>
/// Loads an image file (PNG, JPEG, BMP, GIF, TGA, WebP, TIFF) as a float tensor [3, size, size] in [0, 1],
/// resized to the square input size a model was trained on. Used by <c>mlc predict</c>.
/// </summary>
public static class ImageFileLoader
{
    /// <summary>Decodes <paramref name="path"/> and resizes it to <paramref name="size"/> x <paramref name="size"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image; the message names it.</exception>
    public static Tensor Load(string path, int size)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Image '{path}' does not exist.", path);
        }

        Image<Rgb24> image;
        try
        {
            image = Image.Load<Rgb24>(path);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new InvalidDataException($"'{path}' is not a decodable image: {ex.Message}", ex);
        }

        using (image)
        {
            if (image.Width != size || image.Height != size)
            {
                image.Mutate(x => x.Resize(size, size, KnownResamplers.Triangle));
            }

            var chw = new float[3 * size * size];
            int plane = size * size;
            image.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (int x = 0; x < row.Length; x++)
                    {
                        int p = (y * size) + x;
                        chw[p] = row[x].R / 255f;
                        chw[plane + p] = row[x].G / 255f;
                        chw[(2 * plane) + p] = row[x].B / 255f;
                    }
                }
            });
            return tensor(chw, [3, size, size]);
        }
    }
}
