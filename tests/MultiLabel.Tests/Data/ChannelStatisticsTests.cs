using MultiLabel.Data;
using MultiLabel.Data.Analysis;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Data;

public sealed class ChannelStatisticsTests
{
    [Fact]
    public void Mean_and_population_std_per_channel_over_every_pixel_of_every_image()
    {
        // Two 1 x 2 images: channel 0 holds 0, 51 | 102, 153 (bytes), channel 1 is constant 255, channel 2 is 0 then 255.
        var labels = new LabelVocabulary(["a"]);
        byte[][] pixels = [[0, 255, 0, 51, 255, 0], [102, 255, 255, 153, 255, 255]];
        var dataset = new InMemoryImageDataset(labels, 1, 2, pixels, [[1f], [0f]], ["x", "y"]);
        var stats = ChannelStatistics.Compute(dataset);

        double[] channel0 = [0, 0.2, 0.4, 0.6];
        double mean0 = channel0.Average();
        double std0 = Math.Sqrt(channel0.Sum(v => (v - mean0) * (v - mean0)) / channel0.Length);
        Assert.Equal(2, stats.Images);
        Assert.Equal(4, stats.PixelsPerChannel);
        Assert.Equal(mean0, stats.Mean[0], 5);
        Assert.Equal(std0, stats.Std[0], 5);
        Assert.Equal(1, stats.Mean[1], 5);
        Assert.Equal(0, stats.Std[1], 5);
        Assert.Equal(0.5, stats.Mean[2], 5);
        Assert.Equal(0.5, stats.Std[2], 5);
        Assert.Contains("over 2 images", stats.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Agrees_with_torch_over_a_stacked_split_and_normalises_it_to_zero_mean_and_unit_std()
    {
        var labels = new LabelVocabulary(["a"]);
        var random = new MultiLabel.Randomness.Pcg32(5);
        byte[][] pixels = [.. Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 4 * 5 * 3).Select(_ => (byte)random.NextInt(256)).ToArray())];
        var dataset = new InMemoryImageDataset(labels, 4, 5, pixels, [.. Enumerable.Range(0, 6).Select(_ => new[] { 0f })], [.. Enumerable.Range(0, 6).Select(i => $"i{i}")]);
        var stats = ChannelStatistics.Compute(dataset);

        using var scope = NewDisposeScope();
        var all = stack(Enumerable.Range(0, 6).Select(dataset.GetImage).ToArray());
        var mean = all.mean([0, 2, 3]).data<float>().ToArray();
        var std = all.std([0, 2, 3], unbiased: false).data<float>().ToArray();
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(mean[c], stats.Mean[c], 4);
            Assert.Equal(std[c], stats.Std[c], 4);
        }

        var normalised = stats.ToNormalize().Apply(all);
        Assert.All(normalised.mean([0, 2, 3]).data<float>().ToArray(), m => Assert.Equal(0, m, 4));
        Assert.All(normalised.std([0, 2, 3], unbiased: false).data<float>().ToArray(), s => Assert.Equal(1, s, 3));
        Assert.Equal(3, ChannelStatistics.Compute(dataset, maxImages: 3).Images);
    }

    [Fact]
    public void An_empty_dataset_is_an_error()
    {
        var dataset = new InMemoryImageDataset(new LabelVocabulary(["a"]), 1, 1, [], [], []);
        Assert.Throws<ArgumentException>(() => ChannelStatistics.Compute(dataset));
    }
}
