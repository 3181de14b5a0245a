using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Data;

public sealed class WeightedSamplerTests
{
    private static InMemoryImageDataset Dataset() =>
        ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 120, ImageSize: 32, Seed: 1, ValFraction: 0, TestFraction: 0.01)), Split.Train);

    [Fact]
    public void Rare_label_weights_take_the_rarest_label_and_give_an_image_without_labels_weight_one()
    {
        float[][] targets = [[1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 0, 1]];
        var weights = WeightedSampler.RareLabelWeights(targets);
        // Label 0 in 4 of 5 images (5/4), labels 1 and 2 in one each (5): the rarest label decides.
        Assert.Equal([1.25, 5, 1.25, 1, 5], weights);
        Assert.Empty(WeightedSampler.RareLabelWeights([]));
        Assert.Throws<ArgumentException>(() => WeightedSampler.RareLabelWeights([[1, 0], [1]]));
    }

    [Fact]
    public void Probabilities_are_the_weights_normalised_and_bad_weights_are_refused()
    {
        var sampler = new WeightedSampler([1, 3, 0, 4]);
        Assert.Equal([0.125, 0.375, 0, 0.5], sampler.Probabilities);
        Assert.Throws<ArgumentException>(() => new WeightedSampler([]));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([0, 0]));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, -1]));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, double.PositiveInfinity]));
    }

    [Fact]
    public void Draws_repeat_for_a_seed_and_epoch_change_every_epoch_and_follow_the_probabilities()
    {
        var sampler = new WeightedSampler([1, 3, 0, 4]);
        Assert.Equal(sampler.Draw(7, 2), sampler.Draw(7, 2));
        Assert.NotEqual(sampler.Draw(7, 2), sampler.Draw(7, 3));
        Assert.NotEqual(sampler.Draw(7, 2), sampler.Draw(8, 2));
        Assert.Equal(4, sampler.Draw(0, 0).Length);

        var counts = new int[4];
        for (int epoch = 0; epoch < 5000; epoch++)
        {
            foreach (var i in sampler.Draw(1, epoch))
            {
                counts[i]++;
            }
        }

        Assert.Equal(0, counts[2]); // weight 0: never drawn
        double total = counts.Sum();
        Assert.InRange(counts[0] / total, 0.115, 0.135);
        Assert.InRange(counts[1] / total, 0.36, 0.39);
        Assert.InRange(counts[3] / total, 0.485, 0.515);
    }

    [Fact]
    public void A_loader_with_a_sampler_draws_with_replacement_and_oversamples_the_rarest_label()
    {
        var ds = Dataset();
        var sampler = WeightedSampler.ForRareLabels(ds);
        var loader = new DataLoader(ds, 16, shuffle: true, seed: 3, sampler: sampler);
        var order = loader.Order(0);
        Assert.Equal(ds.Count, order.Length);
        Assert.True(order.Distinct().Count() < ds.Count, "with replacement, some images repeat within an epoch");
        Assert.Equal(order, new DataLoader(ds, 16, shuffle: true, seed: 3, sampler: sampler).Order(0));
        Assert.NotEqual(order, loader.Order(1));

        // The rarest label is carried by a larger share of the drawn images than of the dataset.
        var targets = Enumerable.Range(0, ds.Count).Select(i => ds.GetTarget(i).ToArray()).ToArray();
        int rarest = Enumerable.Range(0, ds.Labels.Count).MinBy(l => targets.Count(t => t[l] > 0.5f));
        double before = targets.Count(t => t[rarest] > 0.5f) / (double)ds.Count;
        double after = Enumerable.Range(0, 20).SelectMany(e => loader.Order(e)).Average(i => targets[i][rarest] > 0.5f ? 1.0 : 0.0);
        Assert.True(after > 1.5 * before, $"rarest label: {before:P1} of the images, {after:P1} of the draws");
    }

    [Fact]
    public void Two_draws_of_one_image_in_an_epoch_get_their_own_augmentation()
    {
        var ds = Dataset();
        var loader = new DataLoader(ds, ds.Count, shuffle: true, seed: 3, transform: new KeyRecorder(), sampler: WeightedSampler.ForRareLabels(ds));
        using var batch = loader.Epoch(0).First();
        var rows = batch.Indices.Select((index, row) => (index, row)).GroupBy(x => x.index).First(g => g.Count() > 1).Select(x => x.row).ToArray();
        using var first = batch.Images[rows[0]];
        using var second = batch.Images[rows[1]];
        Assert.False(first.allclose(second), "two draws of one image were augmented identically");
    }

    [Fact]
    public void A_sampler_needs_shuffle_and_one_weight_per_sample()
    {
        var ds = Dataset();
        Assert.Throws<ArgumentException>(() => new DataLoader(ds, 16, shuffle: false, sampler: WeightedSampler.ForRareLabels(ds)));
        Assert.Throws<ArgumentException>(() => new DataLoader(ds, 16, shuffle: true, sampler: new WeightedSampler([1, 2])));
    }

    /// <summary>Adds a number drawn from the sample's generator to every pixel, so different generators give different images.</summary>
    private sealed class KeyRecorder : ITransform
    {
        public Tensor Apply(Tensor image, Pcg32 rng) => image + (float)rng.NextDouble();
    }
}
