using MultiLabel.Augment;
using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Augment;

public sealed class TransformTests
{
    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    [Fact]
    public void Random_flip_follows_the_generator_and_probability_extremes()
    {
        using var x = arange(0, 6, dtype: ScalarType.Float32).view(1, 2, 3);
        using var never = new RandomHorizontalFlip(0).Apply(x, new Pcg32(1));
        using var always = new RandomHorizontalFlip(1).Apply(x, new Pcg32(1));
        Assert.Equal(Values(x), Values(never));
        Assert.Equal(new float[] { 2, 1, 0, 5, 4, 3 }, Values(always));

        // With p = 0.5 the decision is the generator's first Bernoulli draw.
        for (int seed = 0; seed < 20; seed++)
        {
            bool flips = new Pcg32((ulong)seed).Bernoulli(0.5);
            using var y = new RandomVerticalFlip().Apply(x, new Pcg32((ulong)seed));
            Assert.Equal(flips ? new float[] { 3, 4, 5, 0, 1, 2 } : Values(x), Values(y));
        }
    }

    [Fact]
    public void Color_jitter_applies_the_drawn_adjustments_in_the_drawn_order()
    {
        var jitter = new ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1);
        using var x = rand(3, 4, 5, generator: new TorchSharp.torch.Generator(7));
        for (int seed = 0; seed < 5; seed++)
        {
            var (order, b, c, s, h) = jitter.DrawParameters(new Pcg32((ulong)seed));
            Assert.Equal(new[] { 0, 1, 2, 3 }, order.Order());
            Assert.InRange(b!.Value, 0.6, 1.4);
            Assert.InRange(h!.Value, -0.1, 0.1);

            var expected = x.alias();
            foreach (int step in order)
            {
                expected = step switch
                {
                    0 => ImageFunctions.AdjustBrightness(expected, b.Value),
                    1 => ImageFunctions.AdjustContrast(expected, c!.Value),
                    2 => ImageFunctions.AdjustSaturation(expected, s!.Value),
                    _ => ImageFunctions.AdjustHue(expected, h.Value),
                };
            }

            using var actual = jitter.Apply(x, new Pcg32((ulong)seed));
            Assert.Equal(Values(expected), Values(actual));
        }
    }

    [Fact]
    public void Color_jitter_draws_factors_like_torchvision()
    {
        // The permutation is drawn first, then each enabled factor; a disabled one draws nothing.
        var rng = new Pcg32(3);
        var order = rng.Permutation(4);
        double brightness = rng.Uniform(0.5, 1.5);
        double hue = rng.Uniform(-0.2, 0.2);
        var (o, b, c, s, h) = new ColorJitter(brightness: 0.5, hue: 0.2).DrawParameters(new Pcg32(3));
        Assert.Equal(order, o);
        Assert.Equal(brightness, b);
        Assert.Null(c);
        Assert.Null(s);
        Assert.Equal(hue, h);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter(hue: 0.6));
    }

    [Fact]
    public void Random_resized_crop_with_full_scale_and_unit_ratio_takes_the_whole_image()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            Assert.Equal((0, 0, 10, 10), RandomResizedCrop.DrawCrop(10, 10, (1, 1), (1, 1), new Pcg32((ulong)seed)));
        }
    }

    [Fact]
    public void Random_resized_crop_falls_back_to_a_central_crop_after_ten_failed_tries()
    {
        // Ratio 2 on a square image at full area needs w = round(sqrt(200)) = 14 > 10 every time: the fallback
        // keeps the width and takes h = round(10 / 2) = 5, centred: top (10 - 5) // 2 = 2.
        Assert.Equal((2, 0, 5, 10), RandomResizedCrop.DrawCrop(10, 10, (1, 1), (2, 2), new Pcg32(1)));
        // Ratio 1/2 on a wide 10x40 image (ratio 4): the fallback keeps the height, w = round(10 * 0.5) = 5.
        Assert.Equal((0, 17, 10, 5), RandomResizedCrop.DrawCrop(10, 40, (1, 1), (0.5, 0.5), new Pcg32(1)));
    }

    [Fact]
    public void Random_resized_crop_draws_area_uniformly_and_aspect_log_uniformly()
    {
        var rng = new Pcg32(11);
        var areas = new List<double>();
        var logRatios = new List<double>();
        for (int i = 0; i < 4000; i++)
        {
            var (top, left, h, w) = RandomResizedCrop.DrawCrop(200, 200, (0.08, 1.0), (3.0 / 4.0, 4.0 / 3.0), rng);
            Assert.InRange(top, 0, 200 - h);
            Assert.InRange(left, 0, 200 - w);
            areas.Add(h * w / 40000.0);
            logRatios.Add(Math.Log((double)w / h));
        }

        // A try is kept when the crop fits: a x max(r, 1/r) <= 1 for area fraction a ~ U(0.08, 1) and log r ~
        // U(-log 4/3, log 4/3). The kept areas are that conditional distribution; its mean by numerical integration:
        double lo = Math.Log(3.0 / 4.0), hi = Math.Log(4.0 / 3.0), sum = 0, weight = 0;
        for (int i = 0; i < 600; i++)
        {
            double a = 0.08 + ((i + 0.5) * 0.92 / 600);
            for (int j = 0; j < 600; j++)
            {
                double r = Math.Exp(lo + ((j + 0.5) * (hi - lo) / 600));
                if (a * Math.Max(r, 1 / r) <= 1)
                {
                    sum += a;
                    weight++;
                }
            }
        }

        Assert.InRange(areas.Min(), 0.075, 0.1);
        Assert.InRange(areas.Average(), (sum / weight) - 0.015, (sum / weight) + 0.015);
        Assert.InRange(logRatios.Average(), -0.02, 0.02);
        Assert.InRange(logRatios.Max(), 0.27, Math.Log(4.0 / 3.0) + 0.02);
        Assert.InRange(logRatios.Min(), -Math.Log(4.0 / 3.0) - 0.02, -0.27);
    }

    [Fact]
    public void Random_resized_crop_output_is_the_resized_drawn_crop()
    {
        using var x = rand(3, 30, 40, generator: new TorchSharp.torch.Generator(3));
        var transform = new RandomResizedCrop(16, 12);
        var (top, left, h, w) = RandomResizedCrop.DrawCrop(30, 40, transform.Scale, transform.Ratio, new Pcg32(5));
        using var expected = ImageFunctions.Resize(ImageFunctions.Crop(x, top, left, h, w), 16, 12);
        using var actual = transform.Apply(x, new Pcg32(5));
        Assert.Equal(new long[] { 3, 16, 12 }, actual.shape);
        Assert.Equal(Values(expected), Values(actual));
    }

    [Fact]
    public void Random_resized_crop_works_on_an_image_smaller_than_the_output()
    {
        using var x = rand(3, 5, 7);
        using var y = new RandomResizedCrop(32).Apply(x, new Pcg32(2));
        Assert.Equal(new long[] { 3, 32, 32 }, y.shape);
    }

    [Fact]
    public void Compose_is_deterministic_per_generator_leaves_the_input_alone_and_frees_intermediates()
    {
        var pipeline = Transforms.ShapesTraining;
        using var x = rand(3, 8, 8, generator: new TorchSharp.torch.Generator(1));
        var before = Values(x);
        long live = Tensor.TotalCount;
        using (var scope = NewDisposeScope())
        {
            var a = pipeline.Apply(x, Pcg32.Derive(1, 2, 3));
            var b = pipeline.Apply(x, Pcg32.Derive(1, 2, 3));
            Assert.Equal(Values(a), Values(b));
        }

        Assert.Equal(before, Values(x));
        Assert.True(Tensor.TotalCount <= live + 2, $"{Tensor.TotalCount - live} tensors leaked");
    }

    [Fact]
    public void Quarter_turn_transform_draws_each_turn_with_equal_probability()
    {
        using var x = arange(0, 4, dtype: ScalarType.Float32).view(1, 2, 2);
        var counts = new Dictionary<string, int>();
        for (int seed = 0; seed < 400; seed++)
        {
            using var y = new RandomRotation90().Apply(x, new Pcg32((ulong)seed));
            var key = string.Join(",", Values(y));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 70, 130));
    }

    [Fact]
    public void Random_rotation_keeps_size_and_uses_its_range()
    {
        using var x = ones(3, 9, 9);
        using var y = new RandomRotation(30, 40, Interpolation.Nearest, 0f).Apply(x, new Pcg32(4));
        Assert.Equal(x.shape, y.shape);
        Assert.Equal(0f, y[0, 0, 0].item<float>());
        Assert.Equal(1f, y[0, 4, 4].item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomRotation(10, 5));
    }
}
