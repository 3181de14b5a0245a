using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Data.Mnist;

/// <summary>
/// Multi-digit MNIST: 1 to 4 MNIST digits placed on a black canvas (pixel-wise maximum where they overlap); the
/// labels are the set of digits present (10 labels, "0" to "9"; two 7s give the label 7 once). Image i depends only
/// on (seed, i) and the source digits, so it is recomposed on demand, identically, on any thread.
/// Taught in notebooks/10-capstone.ipynb.
/// </summary>
public sealed class MultiMnistDataset : IImageDataset
{
    private const long Stream = 0x4D4E_4953;
    private const int Digit = 28;
    private readonly IdxArray images;
    private readonly Placement[][] scenes;
    private readonly float[][] targets;
    private readonly string prefix;

    /// <summary>Composes <paramref name="options"/>.Count images from the digits <paramref name="sourceIndices"/> of <paramref name="images"/>.</summary>
    /// <param name="images">Source digit images [N,28,28].</param>
    /// <param name="labels">Source digit labels [N].</param>
    /// <param name="sourceIndices">Which source digits may be used (e.g. a split of the training file).</param>
    /// <param name="options">Composition options.</param>
    /// <param name="prefix">Sample names are prefix-NNNNN.</param>
    public MultiMnistDataset(IdxArray images, IdxArray labels, IReadOnlyList<int> sourceIndices, MultiMnistOptions options, string prefix = "mnist-multi")
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sourceIndices);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (sourceIndices.Count == 0)
        {
            throw new ArgumentException("No source digits to compose from.", nameof(sourceIndices));
        }

        this.images = images;
        this.prefix = prefix;
        Options = options;
        scenes = new Placement[options.Count][];
        targets = new float[options.Count][];
        for (int i = 0; i < options.Count; i++)
        {
            scenes[i] = Compose(Pcg32.Derive(options.Seed, Stream, i), sourceIndices, options);
            targets[i] = new float[10];
            foreach (var p in scenes[i])
            {
                targets[i][labels.Data[p.Source]] = 1f;
            }
        }
    }

    /// <summary>The ten labels "0" to "9".</summary>
    public static LabelVocabulary DigitLabels { get; } = new(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The composition options.</summary>
    public MultiMnistOptions Options { get; }

    /// <inheritdoc />
    public LabelVocabulary Labels => DigitLabels;

    /// <inheritdoc />
    public int Count => scenes.Length;

    /// <inheritdoc />
    public string GetName(int index) => $"{prefix}-{index:D5}";

    /// <inheritdoc />
    public ReadOnlySpan<float> GetTarget(int index) => targets[index];

    /// <summary>The source digits of image <paramref name="index"/> with their top-left corners.</summary>
    public IReadOnlyList<(int Source, int X, int Y)> Digits(int index) => scenes[index].Select(p => (p.Source, p.X, p.Y)).ToList();

    /// <summary>The composed grayscale canvas of image <paramref name="index"/> (size x size bytes).</summary>
    public byte[] Compose(int index)
    {
        int size = Options.CanvasSize;
        var canvas = new byte[size * size];
        foreach (var p in scenes[index])
        {
            var digit = images.Item(p.Source);
            for (int y = 0; y < Digit; y++)
            {
                for (int x = 0; x < Digit; x++)
                {
                    int c = ((p.Y + y) * size) + p.X + x;
                    canvas[c] = Math.Max(canvas[c], digit[(y * Digit) + x]);
                }
            }
        }

        return canvas;
    }

    /// <inheritdoc />
    public Tensor GetImage(int index)
    {
        var canvas = Compose(index);
        int plane = canvas.Length;
        var chw = new float[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            float v = canvas[p] / 255f;
            chw[p] = v;
            chw[plane + p] = v;
            chw[(2 * plane) + p] = v;
        }

        return tensor(chw, [3, Options.CanvasSize, Options.CanvasSize]);
    }

    private static Placement[] Compose(Pcg32 rng, IReadOnlyList<int> sources, MultiMnistOptions options)
    {
        int count = rng.NextInt(options.MinDigits, options.MaxDigits + 1);
        int span = options.CanvasSize - Digit + 1;
        var placed = new List<Placement>();
        for (int k = 0; k < count; k++)
        {
            int source = sources[rng.NextInt(sources.Count)];
            for (int attempt = 0; attempt < 50; attempt++)
            {
                var candidate = new Placement(source, rng.NextInt(span), rng.NextInt(span));
                if (placed.All(p => Overlap(p, candidate) <= options.MaxOverlap * Digit * Digit))
                {
                    placed.Add(candidate);
                    break;
                }
            }
        }

        return [.. placed];
    }

    private static int Overlap(Placement a, Placement b)
    {
        int w = Math.Max(0, Math.Min(a.X, b.X) + Digit - Math.Max(a.X, b.X));
        int h = Math.Max(0, Math.Min(a.Y, b.Y) + Digit - Math.Max(a.Y, b.Y));
        return w * h;
    }

    private readonly record struct Placement(int Source, int X, int Y);
}
