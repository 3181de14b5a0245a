using MultiLabel.Randomness;

namespace MultiLabel.Data.Shapes;

/// <summary>
/// Draws the embedded "shapes" dataset: 0 to 4 shapes per image from six classes, random position, size, rotation
/// and colour, over a smooth textured background, with partial occlusion. Label frequencies are imbalanced on
/// purpose (star is rare) and some images have no label. Image i depends only on (seed, i), through two generators:
/// the scene stream decides split, shapes and placement (so labels are cheap to recompute without drawing) and the
/// paint stream decides background and colours. Generation is parallel and byte-identical across runs and platforms.
/// Taught in notebooks/01-what-is-multilabel.ipynb.
/// </summary>
public static class ShapesGenerator
{
    /// <summary>Relative frequency of each class per drawn object (order of <see cref="ShapeKind"/>).</summary>
    internal static readonly double[] ClassWeights = [0.30, 0.25, 0.19, 0.13, 0.11, 0.02];

    /// <summary>Probability of 0, 1, 2, 3 and 4 objects in an image.</summary>
    internal static readonly double[] ObjectCountWeights = [0.08, 0.30, 0.30, 0.20, 0.12];

    /// <summary>An object must keep at least this fraction of its area visible, or its label would be unfair.</summary>
    internal const double MinVisibleFraction = 0.65;

    /// <summary>A shape's colour differs in luma by at least this much from most pixels it covers.</summary>
    internal const double MinLumaContrast = 0.22;

    private const long SceneStream = 0x5348_4150;
    private const long PaintStream = 0x5041_494E;
    private const int SuperSamples = 4;
    private const int PlacementAttempts = 30;

    /// <summary>The label vocabulary: circle, square, triangle, cross, ring, star.</summary>
    public static LabelVocabulary Labels { get; } = new(Enum.GetValues<ShapeKind>().Select(LabelName));

    /// <summary>The label name of a shape kind.</summary>
    public static string LabelName(ShapeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The file name of image <paramref name="index"/>: <c>shapes_00042.png</c>.</summary>
    public static string FileName(int index) => $"shapes_{index:D5}.png";

    /// <summary>Generates all samples of <paramref name="options"/> (in parallel; order is by index).</summary>
    public static IReadOnlyList<ShapesSample> Generate(ShapesOptions options)
    {
        return ForAll(options, GenerateOne);
    }

    /// <summary>Describes all images of <paramref name="options"/> (labels and splits, no pixels).</summary>
    public static IReadOnlyList<ShapesDescription> DescribeAll(ShapesOptions options)
    {
        return ForAll(options, DescribeOne);
    }

    /// <summary>Builds an in-memory dataset of one split.</summary>
    public static InMemoryImageDataset ToDataset(IReadOnlyList<ShapesSample> samples, Split split)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var chosen = samples.Where(s => s.Split == split).ToList();
        int size = chosen.Count > 0 ? chosen[0].Size : 0;
        return new InMemoryImageDataset(
            Labels, size, size,
            chosen.Select(s => s.Pixels).ToList(),
            chosen.Select(s => Labels.Encode(s.LabelNames)).ToList(),
            chosen.Select(s => s.Name).ToList());
    }

    /// <summary>What image <paramref name="index"/> shows and its split, without drawing it.</summary>
    public static ShapesDescription DescribeOne(ShapesOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scene = Scene(options, index);
        return new ShapesDescription(FileName(index), scene.Shapes.Select(s => s.Kind).ToList(), scene.Split);
    }

    /// <summary>Generates image <paramref name="index"/> of the dataset described by <paramref name="options"/>.</summary>
    public static ShapesSample GenerateOne(ShapesOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scene = Scene(options, index);
        var paint = Pcg32.Derive(options.Seed, PaintStream, index);
        var canvas = new Canvas(options.ImageSize);
        Backgrounds.Paint(canvas, paint);
        foreach (var shape in scene.Shapes)
        {
            Fill(canvas, shape, ContrastingColour(canvas, shape, paint));
        }

        return new ShapesSample(FileName(index), options.ImageSize, canvas.ToBytes(), scene.Shapes.Select(s => s.Kind).ToList(), scene.Split);
    }

    /// <summary>f(options, i) for every index, in parallel, in index order.</summary>
    private static T[] ForAll<T>(ShapesOptions options, Func<ShapesOptions, int, T> f)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var results = new T[options.Count];
        Parallel.For(0, options.Count, i => results[i] = f(options, i));
        return results;
    }

    private static (Split Split, List<PlacedShape> Shapes) Scene(ShapesOptions options, int index)
    {
        var rng = Pcg32.Derive(options.Seed, SceneStream, index);
        int size = options.ImageSize;
        double u = rng.NextDouble();
        var split = u < options.TestFraction ? Split.Test : u < options.TestFraction + options.ValFraction ? Split.Val : Split.Train;
        int objectCount = Choose(rng, ObjectCountWeights);
        var placed = new List<PlacedShape>();
        for (int k = 0; k < objectCount; k++)
        {
            var kind = (ShapeKind)Choose(rng, ClassWeights);
            for (int attempt = 0; attempt < PlacementAttempts; attempt++)
            {
                var candidate = PlacedShape.Random(kind, size, rng);
                if (KeepsEnoughVisible(placed, candidate, size))
                {
                    placed.Add(candidate);
                    break;
                }
            }
        }

        return (split, placed);
    }

    private static int Choose(Pcg32 rng, double[] weights)
    {
        double u = rng.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>True when adding <paramref name="candidate"/> on top leaves every earlier shape (and itself) visible enough.</summary>
    private static bool KeepsEnoughVisible(List<PlacedShape> placed, PlacedShape candidate, int size)
    {
        var all = new List<PlacedShape>(placed) { candidate };
        var owner = new int[size * size];
        var area = new int[all.Count];
        Array.Fill(owner, -1);
        for (int s = 0; s < all.Count; s++)
        {
            foreach (var (x, y) in all[s].CoveredPixels(size))
            {
                owner[(y * size) + x] = s;
                area[s]++;
            }
        }

        var visible = new int[all.Count];
        foreach (var o in owner)
        {
            if (o >= 0)
            {
                visible[o]++;
            }
        }

        for (int s = 0; s < all.Count; s++)
        {
            if (area[s] == 0 || visible[s] < MinVisibleFraction * area[s])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A random colour whose luma differs by at least <see cref="MinLumaContrast"/> from at least 90% of the pixels
    /// the shape covers (background and shapes below), so its outline stays visible; black or white if none is found.
    /// </summary>
    internal static Colour ContrastingColour(Canvas canvas, PlacedShape shape, Pcg32 rng)
    {
        var under = shape.CoveredPixels(canvas.Size).Select(p => canvas.Luma(p.X, p.Y)).ToArray();
        double Fraction(Colour c) => under.Length == 0 ? 1 : under.Count(l => Math.Abs(l - c.Luma) >= MinLumaContrast) / (double)under.Length;
        for (int attempt = 0; attempt < 30; attempt++)
        {
            var colour = Colour.FromHsv(rng.NextDouble(), rng.Uniform(0.35, 1.0), rng.Uniform(0.15, 1.0));
            if (Fraction(colour) >= 0.9)
            {
                return colour;
            }
        }

        var black = new Colour(0.04, 0.04, 0.04);
        var white = new Colour(0.96, 0.96, 0.96);
        return Fraction(black) >= Fraction(white) ? black : white;
    }

    internal static void Fill(Canvas canvas, PlacedShape shape, Colour colour)
    {
        int size = canvas.Size;
        var (x0, y0, x1, y1) = shape.Bounds(size);
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                int inside = 0;
                for (int sy = 0; sy < SuperSamples; sy++)
                {
                    for (int sx = 0; sx < SuperSamples; sx++)
                    {
                        double px = x + ((sx + 0.5) / SuperSamples), py = y + ((sy + 0.5) / SuperSamples);
                        if (shape.Contains(px, py))
                        {
                            inside++;
                        }
                    }
                }

                if (inside > 0)
                {
                    double alpha = (double)inside / (SuperSamples * SuperSamples);
                    canvas.Blend(x, y, colour, alpha);
                }
            }
        }
    }
}
