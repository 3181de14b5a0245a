using MultiLabel.Imaging;
using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// A dataset whose images are kept in memory as 8-bit RGB (height x width x 3, row-major), converted to tensors
/// on demand. Used for generated data and small decoded datasets.
/// </summary>
public sealed class InMemoryImageDataset : IImageDataset
{
    private readonly IReadOnlyList<byte[]> pixels;
    private readonly float[][] targets;
    private readonly string[] names;

    /// <summary>Creates the dataset; every image must be <paramref name="height"/> x <paramref name="width"/> x 3 bytes.</summary>
    public InMemoryImageDataset(
        LabelVocabulary labels, int height, int width, IReadOnlyList<byte[]> pixels, IReadOnlyList<float[]> targets, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(names);
        if (pixels.Count != targets.Count || pixels.Count != names.Count)
        {
            throw new ArgumentException($"pixels ({pixels.Count}), targets ({targets.Count}) and names ({names.Count}) differ in length.");
        }

        for (int i = 0; i < pixels.Count; i++)
        {
            if (pixels[i].Length != height * width * 3)
            {
                throw new ArgumentException($"Image {names[i]} has {pixels[i].Length} bytes, expected {height}x{width}x3.", nameof(pixels));
            }

            if (targets[i].Length != labels.Count)
            {
                throw new ArgumentException($"Target of {names[i]} has {targets[i].Length} values, expected {labels.Count}.", nameof(targets));
            }
        }

        Labels = labels;
        Height = height;
        Width = width;
        this.pixels = pixels;
        this.targets = [.. targets];
        this.names = [.. names];
    }

    /// <inheritdoc />
    public LabelVocabulary Labels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <inheritdoc />
    public int Count => names.Length;

    /// <inheritdoc />
    public string GetName(int index) => names[index];

    /// <inheritdoc />
    public ReadOnlySpan<float> GetTarget(int index) => targets[index];

    /// <summary>The raw 8-bit RGB bytes (H x W x 3) of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetPixels(int index) => pixels[index];

    /// <inheritdoc />
    public Tensor GetImage(int index) => ImageTensor.FromRgb(pixels[index], Height, Width);
}
