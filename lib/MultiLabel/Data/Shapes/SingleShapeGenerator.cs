using MultiLabel.Randomness;

namespace MultiLabel.Data.Shapes;

/// <summary>What the label of a <see cref="SingleShapeGenerator"/> image is (one class per image).</summary>
public enum SingleShapeLabel
{
    /// <summary>Which of the six shape kinds the image shows (6 classes).</summary>
    Shape,

    /// <summary>Which of the four background textures it has: gradient, stripes, clouds, waves (4 classes).</summary>
    Texture,

    /// <summary>Both at once, as one class per pair: <c>circle/gradient</c> ... <c>star/waves</c> (24 classes).</summary>
    ShapeAndTexture,
}

/// <summary>How to generate a single-shape source dataset.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Seed">Everything is a function of the seed; the generator's streams differ from <see cref="ShapesGenerator"/>'s.</param>
/// <param name="Label">What each image's one class is.</param>
/// <param name="ImageSize">Width and height in pixels.</param>
public sealed record SingleShapeOptions(int Count, long Seed, SingleShapeLabel Label = SingleShapeLabel.Shape, int ImageSize = 64)
{
    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(ImageSize, 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ImageSize, 512);
        if (!Enum.IsDefined(Label))
        {
            throw new ArgumentOutOfRangeException(nameof(Label), Label, "unknown label kind");
        }
    }
}

/// <summary>
/// A single-label source task for pretraining, drawn by the shapes renderer but unlike the multi-label shapes data:
/// every image shows exactly one shape (never none, never overlapping ones), its kind is drawn uniformly (no rare
/// class), and its one class is its shape kind, its background texture or the pair (<see cref="SingleShapeLabel"/>).
/// Image i depends only on (seed, i), through generator streams of its own, so no image repeats one of the shapes
/// dataset's; the images are made in memory, in parallel, byte-identical on every platform. Targets are one-hot.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class SingleShapeGenerator
{
    private const long SceneStream = 0x5349_4E47;
    private const long PaintStream = 0x534F_4C4F;

    /// <summary>The texture class names, in the order of the renderer's textures.</summary>
    public static IReadOnlyList<string> TextureNames { get; } = ["gradient", "stripes", "clouds", "waves"];

    /// <summary>The class names of <paramref name="label"/>; a target's one 1 is at its class.</summary>
    public static LabelVocabulary Classes(SingleShapeLabel label) => label switch
    {
        SingleShapeLabel.Shape => ShapesGenerator.Labels,
        SingleShapeLabel.Texture => new LabelVocabulary(TextureNames),
        SingleShapeLabel.ShapeAndTexture => new LabelVocabulary(ShapesGenerator.Labels.Names.SelectMany(s => TextureNames.Select(t => $"{s}/{t}"))),
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "unknown label kind"),
    };

    /// <summary>Generates the dataset: <see cref="SingleShapeOptions.Count"/> images with one-hot targets.</summary>
    public static InMemoryImageDataset Generate(SingleShapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var classes = Classes(options.Label);
        var pixels = new byte[options.Count][];
        var targets = new float[options.Count][];
        Parallel.For(0, options.Count, i =>
        {
            var (image, kind, texture) = Draw(options, i);
            int label = options.Label switch
            {
                SingleShapeLabel.Shape => (int)kind,
                SingleShapeLabel.Texture => texture,
                _ => ((int)kind * TextureNames.Count) + texture,
            };
            pixels[i] = image;
            targets[i] = new float[classes.Count];
            targets[i][label] = 1;
        });
        var names = Enumerable.Range(0, options.Count).Select(i => $"single_{i:D6}").ToList();
        return new InMemoryImageDataset(classes, options.ImageSize, options.ImageSize, pixels, targets, names);
    }

    private static (byte[] Pixels, ShapeKind Kind, int Texture) Draw(SingleShapeOptions options, int index)
    {
        var scene = Pcg32.Derive(options.Seed, SceneStream, index);
        var kind = (ShapeKind)scene.NextInt(Enum.GetValues<ShapeKind>().Length);
        var shape = PlacedShape.Random(kind, options.ImageSize, scene);
        var paint = Pcg32.Derive(options.Seed, PaintStream, index);
        var canvas = new Canvas(options.ImageSize);
        int texture = (int)Backgrounds.Paint(canvas, paint);
        ShapesGenerator.Fill(canvas, shape, ShapesGenerator.ContrastingColour(canvas, shape, paint));
        return (canvas.ToBytes(), kind, texture);
    }
}
