using MultiLabel.Augment;
using static TorchSharp.torch;

namespace MultiLabel.Data.Analysis;

/// <summary>
/// The mean and standard deviation of each colour channel over every pixel of a dataset (normally its training
/// split): the statistics a <see cref="Normalize"/> transform subtracts and divides by. Computed image by image in
/// Float64 sums, so a dataset of any size fits in memory and the result does not depend on the order.
/// The standard deviation is the population one (divide by the pixel count): over thousands of pixels the sample
/// form (n - 1) differs by less than one part in a million.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
/// <param name="Mean">One mean per channel.</param>
/// <param name="Std">One standard deviation per channel.</param>
/// <param name="Images">How many images were read.</param>
/// <param name="PixelsPerChannel">How many values each channel's statistics cover.</param>
public sealed record ChannelStatistics(IReadOnlyList<float> Mean, IReadOnlyList<float> Std, int Images, long PixelsPerChannel)
{
    /// <summary>The statistics of the images of <paramref name="dataset"/> (all of them, or the first <paramref name="maxImages"/>).</summary>
    /// <exception cref="ArgumentException">The dataset is empty, or its images differ in channel count.</exception>
    public static ChannelStatistics Compute(IImageDataset dataset, int? maxImages = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int count = Math.Min(dataset.Count, maxImages ?? int.MaxValue);
        if (count <= 0)
        {
            throw new ArgumentException("The dataset has no images to compute channel statistics from.", nameof(dataset));
        }

        double[]? sum = null, squares = null;
        long pixels = 0;
        for (int i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            var image = dataset.GetImage(i).to(ScalarType.Float64);
            long channels = image.shape[0];
            sum ??= new double[channels];
            squares ??= new double[channels];
            if (channels != sum.Length)
            {
                throw new ArgumentException($"Image '{dataset.GetName(i)}' has {channels} channels, the first image {sum.Length}.", nameof(dataset));
            }

            var flat = image.reshape(channels, -1);
            var s = flat.sum(dim: 1).data<double>().ToArray();
            var q = flat.square().sum(dim: 1).data<double>().ToArray();
            for (int c = 0; c < channels; c++)
            {
                sum[c] += s[c];
                squares[c] += q[c];
            }

            pixels += flat.shape[1];
        }

        var mean = sum!.Select(s => s / pixels).ToArray();
        var std = squares!.Select((q, c) => Math.Sqrt(Math.Max(0, (q / pixels) - (mean[c] * mean[c])))).ToArray();
        return new ChannelStatistics([.. mean.Select(m => (float)m)], [.. std.Select(s => (float)s)], count, pixels);
    }

    /// <summary>The transform that standardises images with these statistics.</summary>
    public Normalize ToNormalize() => new(Mean, Std);

    /// <inheritdoc />
    public override string ToString() =>
        $"mean [{Format(Mean)}], std [{Format(Std)}] over {Images.ToString(System.Globalization.CultureInfo.InvariantCulture)} images";

    private static string Format(IReadOnlyList<float> values) =>
        string.Join(", ", values.Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)));
}
