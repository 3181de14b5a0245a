using MultiLabel.Data;
using MultiLabel.Data.Shapes;

namespace MultiLabel.Tests.Data;

public sealed class DataLoaderTests
{
    private static InMemoryImageDataset Dataset() =>
        ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 120, ImageSize: 32, Seed: 1, ValFraction: 0, TestFraction: 0.01)), Split.Train);

    [Fact]
    public void Shuffled_order_changes_every_epoch_and_repeats_for_the_same_seed()
    {
        var ds = Dataset();
        var a = new DataLoader(ds, 16, shuffle: true, seed: 5);
        var b = new DataLoader(ds, 16, shuffle: true, seed: 5);
        Assert.Equal(a.Order(1), b.Order(1));
        Assert.NotEqual(a.Order(1), a.Order(2));
        Assert.Equal(Enumerable.Range(0, ds.Count), a.Order(3).Order());
    }

    [Fact]
    public void Batches_have_the_right_shapes_and_drop_last_drops_the_remainder()
    {
        var ds = Dataset();
        var loader = new DataLoader(ds, 32, shuffle: false, dropLast: true);
        int batches = 0;
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                Assert.Equal(new long[] { 32, 3, 32, 32 }, batch.Images.shape);
                Assert.Equal(new long[] { 32, ds.Labels.Count }, batch.Targets.shape);
                batches++;
            }
        }

        Assert.Equal(ds.Count / 32, batches);
        Assert.Equal(batches, loader.BatchCount);
    }

    [Fact]
    public void Batch_rows_are_the_samples_they_name()
    {
        var ds = Dataset();
        var loader = new DataLoader(ds, 8, shuffle: true, seed: 3);
        using var batch = loader.Epoch(1).First();
        for (int row = 0; row < batch.Size; row++)
        {
            using var expected = ds.GetImage(batch.Indices[row]);
            using var actual = batch.Images[row];
            Assert.True(actual.equal(expected).all().item<bool>());
            var target = batch.Targets[row].data<float>().ToArray();
            Assert.Equal(ds.GetTarget(batch.Indices[row]).ToArray(), target);
        }
    }
}
