using MultiLabel.Augment;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Augment;

/// <summary>Each operation against values computed by hand (or by an independent loop in the test).</summary>
public sealed class ImageFunctionsTests
{
    /// <summary>A one-channel 3x3 image 1..9 row by row, as [1,3,3].</summary>
    private static Tensor Grid3() => arange(1, 10, dtype: ScalarType.Float32).view(1, 3, 3);

    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    private static void Close(float[] expected, Tensor actual, float tolerance = 1e-5f)
    {
        var values = Values(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {values[i]}");
        }
    }

    [Fact]
    public void Flips_mirror_the_right_axis()
    {
        using var x = Grid3();
        using var h = ImageFunctions.HorizontalFlip(x);
        using var v = ImageFunctions.VerticalFlip(x);
        Assert.Equal(new float[] { 3, 2, 1, 6, 5, 4, 9, 8, 7 }, Values(h));
        Assert.Equal(new float[] { 7, 8, 9, 4, 5, 6, 1, 2, 3 }, Values(v));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Values(x));
    }

    [Fact]
    public void Quarter_turns_are_counter_clockwise_as_displayed()
    {
        using var x = Grid3();
        using var once = ImageFunctions.Rotate90(x, 1);
        using var thrice = ImageFunctions.Rotate90(x, 3);
        using var back = ImageFunctions.Rotate90(x, -1);
        // 1 2 3        3 6 9
        // 4 5 6   ->   2 5 8
        // 7 8 9        1 4 7
        Assert.Equal(new float[] { 3, 6, 9, 2, 5, 8, 1, 4, 7 }, Values(once));
        Assert.Equal(new float[] { 7, 4, 1, 8, 5, 2, 9, 6, 3 }, Values(thrice));
        Assert.Equal(Values(thrice), Values(back));
    }

    [Fact]
    public void Rotate_by_90_degrees_with_nearest_equals_the_exact_quarter_turn()
    {
        using var x = Grid3();
        using var rotated = ImageFunctions.Rotate(x, 90, Interpolation.Nearest);
        Assert.Equal(new float[] { 3, 6, 9, 2, 5, 8, 1, 4, 7 }, Values(rotated));
    }

    [Fact]
    public void Rotate_by_45_degrees_matches_an_independent_inverse_mapping_and_fills_the_corners()
    {
        const int n = 7;
        var data = new float[3 * n * n];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = ((i * 13) % 17) / 17f;
        }

        using var x = tensor(data, [3, n, n]);
        float[] fill = [0.25f, 0.5f, 0.75f];
        using var rotated = ImageFunctions.Rotate(x, 45, Interpolation.Nearest, fill);

        // For each output pixel centre, rotate back by -45 degrees about the image centre and take the nearest pixel.
        double a = 45 * Math.PI / 180;
        var expected = new float[data.Length];
        for (int c = 0; c < 3; c++)
        {
            for (int row = 0; row < n; row++)
            {
                for (int col = 0; col < n; col++)
                {
                    double u = col + 0.5 - (n / 2.0), v = row + 0.5 - (n / 2.0);
                    // Counter-clockwise as displayed (y down) is a clockwise turn in (u, v): its inverse is below.
                    double su = (Math.Cos(a) * u) - (Math.Sin(a) * v);
                    double sv = (Math.Sin(a) * u) + (Math.Cos(a) * v);
                    int sc = (int)Math.Round(su + (n / 2.0) - 0.5, MidpointRounding.ToEven);
                    int sr = (int)Math.Round(sv + (n / 2.0) - 0.5, MidpointRounding.ToEven);
                    bool inside = sc >= 0 && sc < n && sr >= 0 && sr < n;
                    expected[(c * n * n) + (row * n) + col] = inside ? data[(c * n * n) + (sr * n) + sc] : fill[c];
                }
            }
        }

        Close(expected, rotated);
        Assert.Equal(fill, new[] { rotated[0, 0, 0].item<float>(), rotated[1, 0, 0].item<float>(), rotated[2, 0, 0].item<float>() });
    }

    [Fact]
    public void Rotate_moves_a_pixel_right_of_centre_to_above_it_for_plus_90()
    {
        using var x = zeros(1, 5, 5);
        x[0, 2, 4] = tensor(1f);
        using var rotated = ImageFunctions.Rotate(x, 90);
        Assert.Equal(1f, rotated[0, 0, 2].item<float>());
        Assert.Equal(1f, rotated.sum().item<float>());
    }

    [Fact]
    public void Brightness_scales_and_clamps()
    {
        using var x = tensor(new float[] { 0.2f, 0.6f, 0.9f }, [3, 1, 1]);
        using var y = ImageFunctions.AdjustBrightness(x, 1.5);
        Close([0.3f, 0.9f, 1f], y);
    }

    [Fact]
    public void Contrast_blends_towards_the_mean_luma_of_the_image()
    {
        // Two pixels: pure red and pure blue. Luma 0.2989 and 0.114, mean 0.20645.
        using var x = tensor(new float[] { 1, 0, 0, 0, 0, 1 }, [3, 1, 2]);
        using var y = ImageFunctions.AdjustContrast(x, 0.5);
        const float m = (0.2989f + 0.114f) / 2;
        Close([0.5f + (0.5f * m), 0.5f * m, 0.5f * m, 0.5f * m, 0.5f * m, 0.5f + (0.5f * m)], y);
    }

    [Fact]
    public void Saturation_blends_with_the_pixel_luma()
    {
        using var x = tensor(new float[] { 0.5f, 0.4f, 0.3f }, [3, 1, 1]);
        const float gray = (0.2989f * 0.5f) + (0.587f * 0.4f) + (0.114f * 0.3f);
        using var grey = ImageFunctions.AdjustSaturation(x, 0);
        using var vivid = ImageFunctions.AdjustSaturation(x, 2);
        Close([gray, gray, gray], grey);
        Close([(2 * 0.5f) - gray, (2 * 0.4f) - gray, (2 * 0.3f) - gray], vivid);
    }

    [Fact]
    public void Hue_shift_rotates_the_colour_wheel()
    {
        // Pixels: red, (0.8, 0.4, 0.2), grey (no hue), in planes.
        using var x = tensor(new float[] { 1, 0.8f, 0.5f, 0, 0.4f, 0.5f, 0, 0.2f, 0.5f }, [3, 1, 3]);
        using var third = ImageFunctions.AdjustHue(x, 1.0 / 3.0);
        // red + 1/3 turn = green; (0.8,0.4,0.2) has h = 1/18, s = 0.75, v = 0.8; + 1/3 -> h = 7/18:
        // h6 = 2.333, sector 2, f = 1/3: p = 0.2, t = v(1 - s(1 - f)) = 0.4 -> (p, v, t) = (0.2, 0.8, 0.4). Grey stays grey.
        Close([0, 0.2f, 0.5f, 1, 0.8f, 0.5f, 0, 0.4f, 0.5f], third, 1e-5f);
        using var quarter = ImageFunctions.AdjustHue(x, 0.25);
        // (0.8,0.4,0.2) + 1/4 -> h = 0.30556, sector 1, f = 0.8333: q = 0.3, v = 0.8, p = 0.2 -> (q, v, p)
        Assert.Equal(0.3f, quarter[0, 0, 1].item<float>(), 5);
        Assert.Equal(0.8f, quarter[1, 0, 1].item<float>(), 5);
        Assert.Equal(0.2f, quarter[2, 0, 1].item<float>(), 5);
        using var half = ImageFunctions.AdjustHue(x, -0.5);
        Assert.Equal(new[] { 0f, 1f, 1f }, new[] { half[0, 0, 0].item<float>(), half[1, 0, 0].item<float>(), half[2, 0, 0].item<float>() });
    }

    [Fact]
    public void Antialiased_downscale_uses_the_stretched_triangle_filter()
    {
        // 1 x 4 -> 1 x 2: each output pixel covers 2 input pixels; the triangle filter stretched by 2 gives weights
        // 0.75, 0.75, 0.25 (normalised by 1.75) for output 0 and 0.25, 0.75, 0.75 for output 1 (PIL / torchvision).
        float[] a = [0.1f, 0.5f, 0.2f, 0.9f];
        using var x = tensor(a, [1, 1, 4]);
        using var y = ImageFunctions.Resize(x, 1, 2);
        Close([((0.75f * a[0]) + (0.75f * a[1]) + (0.25f * a[2])) / 1.75f, ((0.25f * a[1]) + (0.75f * a[2]) + (0.75f * a[3])) / 1.75f], y);

        using var plain = ImageFunctions.Resize(x, 1, 2, antialias: false);
        Close([(a[0] + a[1]) / 2, (a[2] + a[3]) / 2], plain);
    }

    [Fact]
    public void Bilinear_upscale_uses_half_pixel_centres_and_clamps_at_the_border()
    {
        float[] a = [0.2f, 1.0f];
        using var x = tensor(a, [1, 1, 2]);
        using var y = ImageFunctions.Resize(x, 1, 4);
        // Source positions (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1].
        Close([a[0], (0.75f * a[0]) + (0.25f * a[1]), (0.25f * a[0]) + (0.75f * a[1]), a[1]], y);
    }

    [Fact]
    public void Two_dimensional_resize_is_separable()
    {
        var data = Enumerable.Range(0, 16).Select(i => ((i * 7) % 11) / 11f).ToArray();
        using var x = tensor(data, [1, 4, 4]);
        using var y = ImageFunctions.Resize(x, 2, 2);
        float[][] w = [[0.75f / 1.75f, 0.75f / 1.75f, 0.25f / 1.75f, 0], [0, 0.25f / 1.75f, 0.75f / 1.75f, 0.75f / 1.75f]];
        var expected = new float[4];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int r = 0; r < 4; r++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        expected[(i * 2) + j] += w[i][r] * w[j][c] * data[(r * 4) + c];
                    }
                }
            }
        }

        Close(expected, y);
    }

    [Fact]
    public void Shorter_side_resize_keeps_the_aspect_ratio_truncating_like_torchvision()
    {
        Assert.Equal((256, 341), ImageFunctions.ShorterSideSize(375, 500, 256));
        Assert.Equal((341, 256), ImageFunctions.ShorterSideSize(500, 375, 256));
        using var x = rand(3, 10, 20);
        using var y = new Resize(5).Apply(x, new MultiLabel.Randomness.Pcg32(1));
        Assert.Equal(new long[] { 3, 5, 10 }, y.shape);
    }

    [Fact]
    public void Center_crop_rounds_half_to_even_and_pads_when_larger()
    {
        using var x = arange(0, 25, dtype: ScalarType.Float32).view(1, 5, 5);
        using var crop = ImageFunctions.CenterCrop(x, 2, 2);
        // offsets round((5 - 2) / 2) = round(1.5) = 2
        Assert.Equal(new float[] { 12, 13, 17, 18 }, Values(crop));

        using var small = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 2]);
        using var padded = ImageFunctions.CenterCrop(small, 4, 3);
        // width 2 -> 3: pad left 0, right 1; height 2 -> 4: pad 1 and 1.
        Assert.Equal(new float[] { 0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0 }, Values(padded));
    }

    [Fact]
    public void Normalize_works_on_chw_and_nchw()
    {
        using var x = tensor(new float[] { 0.5f, 1f, 0f }, [3, 1, 1]);
        float[] mean = [0.5f, 0.5f, 0.25f], std = [0.5f, 0.25f, 0.5f];
        using var y = ImageFunctions.Normalize(x, mean, std);
        Close([0, 2, -0.5f], y);
        using var batch = stack([x, x]);
        using var yb = ImageFunctions.Normalize(batch, mean, std);
        Close([0, 2, -0.5f, 0, 2, -0.5f], yb);
        Assert.Throws<ArgumentException>(() => ImageFunctions.Normalize(x, [0.5f], [1f]));
        Assert.Throws<ArgumentException>(() => ImageFunctions.Normalize(x, mean, [1f, 0f, 1f]));
    }

    [Fact]
    public void Crop_outside_the_image_is_rejected()
    {
        using var x = zeros(3, 4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFunctions.Crop(x, 2, 0, 3, 2));
    }
}
