using System.Globalization;
using System.Text;
using MultiLabel.Data.Analysis;

namespace MultiLabel.Data.Shapes;

/// <summary>
/// Writes the datasheet (<c>README.md</c>) of a generated shapes dataset from its options and label table: classes,
/// counts per split, label cardinality, co-occurrence, how it was made and the command that regenerates it. Because
/// every number is computed from the label file, the datasheet cannot drift from the data.
/// </summary>
public static class ShapesDatasheet
{
    private static readonly Dictionary<ShapeKind, string> Descriptions = new()
    {
        [ShapeKind.Circle] = "filled disc",
        [ShapeKind.Square] = "filled square",
        [ShapeKind.Triangle] = "filled equilateral triangle",
        [ShapeKind.Cross] = "plus-shaped cross",
        [ShapeKind.Ring] = "annulus (a disc with a hole)",
        [ShapeKind.Star] = "five-pointed star (the rare class)",
    };

    /// <summary>The command that regenerates a dataset.</summary>
    public static string Command(ShapesOptions options, string folder = "data/shapes")
    {
        ArgumentNullException.ThrowIfNull(options);
        var command = new StringBuilder(FormattableString.Invariant($"mlc data shapes --out {folder} --count {options.Count} --seed {options.Seed}"));
        if (options.ImageSize != 64)
        {
            command.Append(CultureInfo.InvariantCulture, $" --img-size {options.ImageSize}");
        }

        return command.ToString();
    }

    /// <summary>The datasheet's Markdown.</summary>
    /// <param name="options">The generator options.</param>
    /// <param name="table">The label table written with the images.</param>
    /// <param name="imageBytes">Total size of the PNG files.</param>
    public static string Render(ShapesOptions options, LabelTable table, long imageBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        var stats = DatasetStatistics.BySplit(table);
        var all = stats[^1];
        var splits = stats.Take(stats.Count - 1).ToList();
        var labels = table.Labels.Names;
        var s = new StringBuilder();
        void Line(FormattableString text) => s.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"# The shapes dataset");
        Line($"");
        Line($"Synthetic RGB images for learning multi-label classification: each {options.ImageSize}x{options.ImageSize} image shows 0 to 4");
        Line($"filled shapes from {labels.Count} classes on a smooth textured background, and its labels are the set of classes it shows.");
        Line($"It ships with the course kit, so nothing has to be downloaded, and it is imbalanced on purpose: `{all.Rarest.Label}` is");
        Line($"in {Percent(all.Rarest.Fraction)} of the images and {Percent(all.Cardinality.EmptyFraction)} of the images have no label at all.");
        Line($"");
        Line($"This file is written by `mlc data shapes` together with the images, from the label file: do not edit it by hand.");
        Line($"");
        Line($"| | |");
        Line($"|---|---|");
        Line($"| images | {all.Images:N0} ({string.Join(" / ", splits.Select(x => FormattableString.Invariant($"{x.Images:N0} {x.Name}")))}) |");
        Line($"| image | {options.ImageSize} x {options.ImageSize} pixels, 8-bit RGB, PNG |");
        Line($"| labels | {string.Join(", ", labels)} |");
        Line($"| labels per image | 0 to {all.Cardinality.Max}, mean {all.Cardinality.Mean:F2} |");
        Line($"| seed | {options.Seed} |");
        Line($"| size | {imageBytes / 1048576.0:F1} MiB of PNG files |");
        Line($"| regenerate | `{Command(options)}` (byte-identical files) |");
        Line($"| origin | drawn by this repository's code (`MultiLabel.Data.Shapes.ShapesGenerator`); no third-party content |");
        Line($"");
        Line($"## Files");
        Line($"");
        Line($"- `{ShapesFiles.ImagesFolder}/shapes_NNNNN.png`: image number NNNNN.");
        Line($"- `{ShapesFiles.LabelsFileName}`: `fname,labels,split`, one row per image: the path relative to this folder, the label names");
        Line($"  separated by spaces (empty for an image with no shape) and the split (`train`, `val` or `test`). This is the");
        Line($"  fastai / Kaggle Planet convention; `MultiLabel.Data.LabelFile` also reads one-hot files.");
        Line($"");
        Line($"## Classes");
        Line($"");
        Line($"Images that contain each class (an image with two circles counts once).");
        Line($"");
        Line($"| label | shape | {string.Join(" | ", splits.Select(x => x.Name))} | all | share of images |");
        Line($"|---|---|{string.Concat(splits.Select(_ => "---:|"))}---:|---:|");
        for (int i = 0; i < labels.Count; i++)
        {
            var kind = Enum.Parse<ShapeKind>(labels[i], ignoreCase: true);
            Line($"| {labels[i]} | {Descriptions[kind]} | {string.Join(" | ", splits.Select(x => x.Frequencies[i].Count.ToString("N0", CultureInfo.InvariantCulture)))} | {all.Frequencies[i].Count:N0} | {Percent(all.Frequencies[i].Fraction)} |");
        }

        Line($"");
        Line($"The most frequent label is {all.ImbalanceRatio:F1} times as frequent as the rarest.");
        Line($"");
        Line($"## Label cardinality");
        Line($"");
        Line($"| labels per image | {string.Join(" | ", splits.Select(x => x.Name))} | all |");
        Line($"|---:|{string.Concat(splits.Select(_ => "---:|"))}---:|");
        for (int k = 0; k <= all.Cardinality.Max; k++)
        {
            Line($"| {k} | {string.Join(" | ", splits.Select(x => Bin(x.Cardinality, k)))} | {Bin(all.Cardinality, k)} |");
        }

        Line($"| mean | {string.Join(" | ", splits.Select(x => x.Cardinality.Mean.ToString("F2", CultureInfo.InvariantCulture)))} | {all.Cardinality.Mean:F2} |");
        Line($"");
        Line($"## Co-occurrence (all splits)");
        Line($"");
        Line($"Images that contain both labels; the diagonal is each label's own count.");
        Line($"");
        Line($"| | {string.Join(" | ", labels)} |");
        Line($"|---|{string.Concat(labels.Select(_ => "---:|"))}");
        for (int i = 0; i < labels.Count; i++)
        {
            Line($"| {labels[i]} | {string.Join(" | ", all.CoOccurrence.Counts[i].Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))} |");
        }

        Line($"");
        Line($"## How it was made");
        Line($"");
        Line($"Image i is a function of (seed, i) only, through two generators derived from them (PCG32, `MultiLabel.Randomness.Pcg32`):");
        Line($"");
        Line($"1. **Scene** (decides the labels). The split is drawn first ({Percent(options.TestFraction)} test, {Percent(options.ValFraction)} val, the rest train).");
        Line($"   The number of shapes is 0 to 4 with probabilities {string.Join(", ", ShapesGenerator.ObjectCountWeights.Select(Percent))}; each shape's");
        Line($"   class is drawn with weights {string.Join(", ", labels.Select((l, i) => FormattableString.Invariant($"{l} {ShapesGenerator.ClassWeights[i]:0.###}")))}.");
        Line($"   A shape gets a random centre, a radius of 13% to 23% of the image side and a random rotation; it is kept only");
        Line($"   if it and every shape below it keep at least {Percent(ShapesGenerator.MinVisibleFraction)} of their area visible (up to 30 tries, else");
        Line($"   it is left out and not labelled). Occlusion is therefore partial, never total.");
        Line($"2. **Paint** (decides the pixels). A smooth background texture (a gradient with low-frequency noise, soft stripes,");
        Line($"   two-colour clouds or concentric waves) in random colours; then each shape, bottom to top, in a random colour whose");
        Line($"   luma differs by at least {ShapesGenerator.MinLumaContrast:0.##} from 90% of the pixels it covers, so outlines stay visible. Edges are");
        Line($"   antialiased with 4x4 supersampling. Textures are smooth on purpose: per-pixel noise would make the PNG files several");
        Line($"   times larger and teach nothing more.");
        Line($"");
        Line($"All arithmetic is IEEE addition, multiplication, division and square root, with sine and cosine computed by a");
        Line($"polynomial in the library (`PortableMath`), so the images are byte-identical on every platform; the PNG encoder");
        Line($"(ImageSharp, managed deflate) uses fixed settings. The tests regenerate images and compare them with these files.");
        Line($"");
        Line($"## Intended use and limits");
        Line($"");
        Line($"Teaching and testing multi-label pipelines on a CPU in minutes: per-label metrics, thresholds, class imbalance");
        Line($"(`{all.Rarest.Label}`), empty label sets and partial occlusion. It is not a benchmark of real-world vision: shapes are");
        Line($"flat and uniformly coloured, and the labels are exact by construction (no annotation noise).");
        return s.ToString();
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Bin(Cardinality cardinality, int k) =>
        (k < cardinality.Histogram.Count ? cardinality.Histogram[k] : 0).ToString("N0", CultureInfo.InvariantCulture);
}
