using MultiLabel.Augment;
using MultiLabel.Imaging;
using static TorchSharp.torch;

namespace MultiLabel.Data.Analysis;

/// <summary>One cell of an image grid: a PNG thumbnail and its caption.</summary>
/// <param name="Name">The sample's name (file name).</param>
/// <param name="Png">The thumbnail, PNG-encoded.</param>
/// <param name="Width">Thumbnail width in pixels.</param>
/// <param name="Height">Thumbnail height in pixels.</param>
/// <param name="Caption">The labels (or "no label"), or whatever caption the caller asked for.</param>
public sealed record ImageGridItem(string Name, byte[] Png, int Width, int Height, string Caption);

/// <summary>
/// Prepares what an image grid shows: thumbnails of chosen samples, scaled (antialiased) to fit a square box and
/// PNG-encoded, with their label names as captions. Drawing the grid (HTML, notebook, terminal) is Viz's job.
/// </summary>
public static class ImageGrid
{
    /// <summary>Caption of an image with no label.</summary>
    public const string NoLabel = "(no label)";

    /// <summary>Thumbnails of <paramref name="indices"/> with captions from their targets (or from <paramref name="caption"/>).</summary>
    public static IReadOnlyList<ImageGridItem> Items(IImageDataset dataset, IEnumerable<int> indices, int box = 96, Func<int, string>? caption = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(box);
        caption ??= i => Caption(dataset.Labels, dataset.GetTarget(i));
        var items = new List<ImageGridItem>();
        foreach (int i in indices)
        {
            using var scope = NewDisposeScope();
            var image = dataset.GetImage(i);
            long h = image.shape[1], w = image.shape[2];
            double scale = (double)box / Math.Max(h, w);
            int th = Math.Max(1, (int)Math.Round(h * scale)), tw = Math.Max(1, (int)Math.Round(w * scale));
            var thumb = ImageFunctions.Resize(image, th, tw);
            items.Add(new ImageGridItem(dataset.GetName(i), PngCodec.Encode(thumb), tw, th, caption(i)));
        }

        return items;
    }

    /// <summary>The label names of a target joined by ", ", or <see cref="NoLabel"/>.</summary>
    public static string Caption(LabelVocabulary labels, ReadOnlySpan<float> target)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var names = labels.Decode(target);
        return names.Count == 0 ? NoLabel : string.Join(", ", names);
    }
}
