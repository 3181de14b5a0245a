using MultiLabel.Data;
using MultiLabel.Tests.Training;

namespace MultiLabel.Tests.Data;

public sealed class SubsetDatasetTests
{
    [Fact]
    public void A_subset_reads_the_inner_samples_it_names()
    {
        var inner = TinyData.Train;
        var subset = new SubsetDataset(inner, [5, 2]);
        Assert.Equal(2, subset.Count);
        Assert.Equal(inner.GetName(5), subset.GetName(0));
        Assert.Equal(inner.GetTarget(2).ToArray(), subset.GetTarget(1).ToArray());
        using var a = subset.GetImage(0);
        using var b = inner.GetImage(5);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.Same(inner.Labels, subset.Labels);
    }

    [Fact]
    public void Sample_is_seeded_and_a_larger_count_extends_a_smaller_one()
    {
        var inner = TinyData.Train;
        var ten = SubsetDataset.Sample(inner, 10, seed: 3);
        var twenty = SubsetDataset.Sample(inner, 20, seed: 3);
        Assert.Equal(ten.Indices, twenty.Indices.Take(10));
        Assert.Equal(ten.Indices, SubsetDataset.Sample(inner, 10, seed: 3).Indices);
        Assert.NotEqual(ten.Indices, SubsetDataset.Sample(inner, 10, seed: 4).Indices);
        Assert.Equal(10, ten.Indices.Distinct().Count());
        Assert.Equal(inner.Count, SubsetDataset.Sample(inner, 10_000, seed: 3).Count);
    }

    [Fact]
    public void An_index_outside_the_dataset_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubsetDataset(TinyData.Train, [0, TinyData.Train.Count]));
    }
}
