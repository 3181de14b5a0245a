using MultiLabel.Randomness;

namespace MultiLabel.Data.Shapes;

/// <summary>
/// Draws the embedded "shapes" dataset: 0 to 4 shapes per image from six classes, random position, size, rotation
/// and colour, over a textured background, with partial occlusion. Label frequencies are imbalanced on purpose
/// (star is rare) and some images have no label. Sample i depends only on (seed, i): generation is parallel and
/// byte-identical across runs and platforms.
/// Taught in notebooks/01-what-is-multilabel.ipynb.
/// </summary>
public static class ShapesGenerator
{
    /// <summary>Relative frequency of each class per drawn object (order of <see cref="ShapeKind"/>).</summary>
    internal static readonly double[] ClassWeights = [0.30, 0.25, 0.19, 0.13, 0.105, 0.025];

    /// <summary>Probability of 0, 1, 2, 3 and 4 objects in an image.</summary>
    internal static readonly double[] ObjectCountWeights = [0.08, 0.30, 0.30, 0.20, 0.12];

    /// <summary>An object must keep at least this fraction of its area visible, or its label would be unfair.</summary>
    internal const double MinVisibleFraction = 0.6;

    private const int SuperSamples = 4;

    /// <summary>The label vocabulary: circle, square, triangle, cross, ring, star.</summary>
    public static LabelVocabulary Labels { get; } = new(Enum.GetValues<ShapeKind>().Select(LabelName));

    /// <summary>The label name of a shape kind.</summary>
    public static string LabelName(ShapeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Generates all samples of <paramref name="options"/> (in parallel; order is by index).</summary>
    public static IReadOnlyList<ShapesSample> Generate(ShapesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var samples = new ShapesSample[options.Count];
        Parallel.For(0, options.Count, i => samples[i] = GenerateOne(options, i));
        return samples;
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

    /// <summary>Generates sample <paramref name="index"/> of the dataset described by <paramref name="options"/>.</summary>
    public static ShapesSample GenerateOne(ShapesOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = Pcg32.Derive(options.Seed, 0x5348_4150, index);
        int size = options.ImageSize;
        var split = ChooseSplit(rng.NextDouble(), options);
        var canvas = new Canvas(size);
        DrawBackground(canvas, rng);

        int objectCount = Choose(rng, ObjectCountWeights);
        var placed = new List<PlacedShape>();
        for (int k = 0; k < objectCount; k++)
        {
            var kind = (ShapeKind)Choose(rng, ClassWeights);
            for (int attempt = 0; attempt < 20; attempt++)
            {
                var candidate = PlacedShape.Random(kind, size, rng);
                if (KeepsEnoughVisible(placed, candidate, size))
                {
                    placed.Add(candidate);
                    break;
                }
            }
        }

        foreach (var shape in placed)
        {
            var colour = ContrastingColour(canvas, shape, rng);
            Fill(canvas, shape, colour);
        }

        AddNoise(canvas, rng);
        string name = $"shapes_{index:D5}.png";
        return new ShapesSample(name, size, canvas.ToBytes(), placed.Select(p => p.Kind).ToList(), split);
    }

    private static Split ChooseSplit(double u, ShapesOptions options) =>
        u < options.TestFraction ? Split.Test : u < options.TestFraction + options.ValFraction ? Split.Val : Split.Train;

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

    private static void DrawBackground(Canvas canvas, Pcg32 rng)
    {
        // A smooth random field: a gradient plus bilinear value noise on a coarse grid, in a random base colour.
        int size = canvas.Size;
        var baseColour = Colour.FromHsv(rng.NextDouble(), rng.Uniform(0.05, 0.45), rng.Uniform(0.25, 0.85));
        double gx = rng.Uniform(-0.25, 0.25), gy = rng.Uniform(-0.25, 0.25);
        const int Grid = 5;
        var field = new double[(Grid + 1) * (Grid + 1)];
        double amplitude = rng.Uniform(0.04, 0.16);
        for (int i = 0; i < field.Length; i++)
        {
            field[i] = rng.Uniform(-amplitude, amplitude);
        }

        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double u = (double)x / size, v = (double)y / size;
                double fx = u * Grid, fy = v * Grid;
                int ix = (int)fx, iy = (int)fy;
                double tx = fx - ix, ty = fy - iy;
                double n = Lerp(
                    Lerp(field[(iy * (Grid + 1)) + ix], field[(iy * (Grid + 1)) + ix + 1], tx),
                    Lerp(field[((iy + 1) * (Grid + 1)) + ix], field[((iy + 1) * (Grid + 1)) + ix + 1], tx),
                    ty);
                double shade = 1.0 + (gx * (u - 0.5)) + (gy * (v - 0.5)) + n;
                canvas.Set(x, y, baseColour.Scale(shade));
            }
        }
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);

    private static Colour ContrastingColour(Canvas canvas, PlacedShape shape, Pcg32 rng)
    {
        double backgroundLuma = canvas.MeanLuma(shape.CoveredPixels(canvas.Size));
        Colour colour = default;
        for (int attempt = 0; attempt < 30; attempt++)
        {
            colour = Colour.FromHsv(rng.NextDouble(), rng.Uniform(0.35, 1.0), rng.Uniform(0.2, 1.0));
            if (Math.Abs(colour.Luma - backgroundLuma) >= 0.22)
            {
                return colour;
            }
        }

        return backgroundLuma > 0.5 ? new Colour(0.05, 0.05, 0.05) : new Colour(0.95, 0.95, 0.95);
    }

    private static void Fill(Canvas canvas, PlacedShape shape, Colour colour)
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

    private static void AddNoise(Canvas canvas, Pcg32 rng)
    {
        double sigma = rng.Uniform(0.0, 0.03);
        canvas.AddUniformNoise(rng, sigma);
    }
}
