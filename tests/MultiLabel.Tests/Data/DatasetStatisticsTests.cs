using MultiLabel.Data;
using MultiLabel.Data.Analysis;
using MultiLabel.Imaging;

namespace MultiLabel.Tests.Data;

public sealed class DatasetStatisticsTests
{
    [Fact]
    public void Frequency_cardinality_and_co_occurrence_by_hand()
    {
        // rows: {a,b}, {b}, {}, {a,b,c}
        var labels = new LabelVocabulary(["a", "b", "c"]);
        float[][] targets = [[1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 1, 1]];
        var s = DatasetStatistics.Compute("x", labels, targets);
        Assert.Equal(4, s.Images);
        Assert.Equal(new[] { 2, 3, 1 }, s.Frequencies.Select(f => f.Count));
        Assert.Equal(new[] { 0.5, 0.75, 0.25 }, s.Frequencies.Select(f => f.Fraction));
        Assert.Equal(new[] { 1, 1, 1, 1 }, s.Cardinality.Histogram);
        Assert.Equal(6 / 4.0, s.Cardinality.Mean);
        Assert.Equal(0.25, s.Cardinality.EmptyFraction);
        Assert.Equal(new[] { 2, 2, 1 }, s.CoOccurrence.Counts[0]);
        Assert.Equal(new[] { 2, 3, 1 }, s.CoOccurrence.Counts[1]);
        Assert.Equal(2 / 3.0, s.CoOccurrence.Conditional(1, 0));
        Assert.Equal("c", s.Rarest.Label);
        Assert.Equal(3.0, s.ImbalanceRatio);
    }

    [Fact]
    public void By_split_follows_train_val_test_then_all()
    {
        var table = LabelFile.Parse(["fname,labels,split", "a,x,test", "b,x y,train", "c,,train"], "t.csv");
        var stats = DatasetStatistics.BySplit(table);
        Assert.Equal(["train", "test", "all"], stats.Select(s => s.Name));
        Assert.Equal(2, stats[0].Images);
        Assert.Equal(new[] { 1, 1 }, stats[0].Frequencies.Select(f => f.Count));
        Assert.Equal(3, stats[^1].Images);
    }

    [Fact]
    public void Image_grid_items_are_fitted_png_thumbnails_with_label_captions()
    {
        var labels = new LabelVocabulary(["cat", "dog"]);
        var pixels = new List<byte[]> { Enumerable.Repeat((byte)200, 40 * 20 * 3).ToArray(), new byte[40 * 20 * 3] };
        var ds = new InMemoryImageDataset(labels, 40, 20, pixels, [[1, 1], [0, 0]], ["p.png", "q.png"]);
        var items = ImageGrid.Items(ds, [0, 1], box: 10);
        Assert.Equal(2, items.Count);
        Assert.Equal(("p.png", 5, 10, "cat, dog"), (items[0].Name, items[0].Width, items[0].Height, items[0].Caption));
        Assert.Equal(ImageGrid.NoLabel, items[1].Caption);
        var thumb = ImageDecoder.DecodeRgb(items[0].Png, "thumb.png");
        Assert.Equal((5, 10), (thumb.Width, thumb.Height));
        Assert.All(thumb.Pixels, b => Assert.Equal(200, b));
    }
}
