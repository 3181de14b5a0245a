using MultiLabel.Data;
using MultiLabel.Data.Shapes;

namespace MultiLabel.Tests.Data;

public sealed class ShapesGeneratorTests
{
    private static readonly ShapesOptions Small = new(Count: 300, ImageSize: 48, Seed: 7);

    [Fact]
    public void Same_seed_gives_identical_bytes_and_labels()
    {
        var a = ShapesGenerator.Generate(Small);
        var b = ShapesGenerator.Generate(Small);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Pixels, b[i].Pixels);
            Assert.Equal(a[i].Shapes, b[i].Shapes);
            Assert.Equal(a[i].Split, b[i].Split);
        }
    }

    [Fact]
    public void Sample_depends_only_on_seed_and_index_not_on_count()
    {
        var few = ShapesGenerator.Generate(Small with { Count = 10 });
        var many = ShapesGenerator.Generate(Small);
        Assert.Equal(few[9].Pixels, many[9].Pixels);
    }

    [Fact]
    public void Different_seeds_give_different_images()
    {
        var a = ShapesGenerator.GenerateOne(Small, 3);
        var b = ShapesGenerator.GenerateOne(Small with { Seed = 8 }, 3);
        Assert.NotEqual(a.Pixels, b.Pixels);
    }

    [Fact]
    public void Images_have_zero_to_four_shapes_and_some_have_none()
    {
        var samples = ShapesGenerator.Generate(Small);
        Assert.All(samples, s => Assert.InRange(s.Shapes.Count, 0, 4));
        Assert.Contains(samples, s => s.Shapes.Count == 0);
        Assert.Contains(samples, s => s.Shapes.Count >= 3);
        Assert.All(samples, s => Assert.Equal(48 * 48 * 3, s.Pixels.Length));
    }

    [Fact]
    public void Every_split_is_present_in_roughly_the_asked_fractions()
    {
        var samples = ShapesGenerator.Generate(Small with { Count = 1000 });
        double test = samples.Count(s => s.Split == Split.Test) / 1000.0;
        double val = samples.Count(s => s.Split == Split.Val) / 1000.0;
        Assert.InRange(test, 0.11, 0.19);
        Assert.InRange(val, 0.11, 0.19);
    }

    [Fact]
    public void Dataset_targets_match_the_drawn_shapes()
    {
        var samples = ShapesGenerator.Generate(Small);
        var train = ShapesGenerator.ToDataset(samples, Split.Train);
        var trainSamples = samples.Where(s => s.Split == Split.Train).ToList();
        Assert.Equal(trainSamples.Count, train.Count);
        for (int i = 0; i < train.Count; i++)
        {
            var present = train.Labels.Decode(train.GetTarget(i));
            Assert.Equal(trainSamples[i].LabelNames, present);
        }
    }

    [Fact]
    public void A_shape_changes_the_pixels_it_covers()
    {
        // An image with shapes differs from its own background far more than noise does: find one and check
        // that the pixel spread is larger than the noise level the generator uses.
        var withShapes = ShapesGenerator.Generate(Small).First(s => s.Shapes.Count >= 2);
        var bytes = withShapes.Pixels;
        int min = bytes.Min(), max = bytes.Max();
        Assert.True(max - min > 60, $"pixel range {min}..{max} is too flat for an image with shapes");
    }
}
