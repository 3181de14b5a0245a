using MultiLabel.Data.Shapes;

namespace MultiLabel.Tests.Data;

public sealed class SingleShapeGeneratorTests
{
    private static readonly SingleShapeOptions Small = new(Count: 60, Seed: 606, ImageSize: 32);

    [Fact]
    public void Same_options_give_identical_bytes_and_one_hot_targets()
    {
        var a = SingleShapeGenerator.Generate(Small);
        var b = SingleShapeGenerator.Generate(Small);
        Assert.Equal(60, a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a.GetPixels(i).ToArray(), b.GetPixels(i).ToArray());
            Assert.Equal(1f, a.GetTarget(i).ToArray().Sum());
            Assert.Equal(a.GetTarget(i).ToArray(), b.GetTarget(i).ToArray());
        }
    }

    [Theory]
    [InlineData(SingleShapeLabel.Shape, 6)]
    [InlineData(SingleShapeLabel.Texture, 4)]
    [InlineData(SingleShapeLabel.ShapeAndTexture, 24)]
    public void The_label_kind_chooses_the_classes_not_the_images(SingleShapeLabel label, int classes)
    {
        var shape = SingleShapeGenerator.Generate(Small);
        var other = SingleShapeGenerator.Generate(Small with { Label = label });
        Assert.Equal(classes, other.Labels.Count);
        Assert.Equal(shape.GetPixels(7).ToArray(), other.GetPixels(7).ToArray());
        if (label == SingleShapeLabel.ShapeAndTexture)
        {
            Assert.Equal("circle/gradient", other.Labels[0]);
            int pair = other.GetTarget(7).ToArray().AsSpan().IndexOf(1f);
            Assert.Equal(shape.GetTarget(7).ToArray().AsSpan().IndexOf(1f), pair / 4);
        }
    }

    [Fact]
    public void Every_kind_occurs_about_equally_often_and_no_image_is_a_shapes_image()
    {
        var many = SingleShapeGenerator.Generate(new SingleShapeOptions(Count: 1200, Seed: 606, ImageSize: 24));
        var counts = new int[6];
        for (int i = 0; i < many.Count; i++)
        {
            counts[many.GetTarget(i).ToArray().AsSpan().IndexOf(1f)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 150, 250)); // uniform: 200 each (the multi-label data has 2% stars)
        var shapes = ShapesGenerator.Generate(new ShapesOptions(Count: 50, ImageSize: 24, Seed: 606));
        var seen = Enumerable.Range(0, many.Count).Select(i => Convert.ToHexString(many.GetPixels(i))).ToHashSet();
        Assert.DoesNotContain(shapes, s => seen.Contains(Convert.ToHexString(s.Pixels)));
    }
}
