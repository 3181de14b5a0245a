using System.Globalization;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of an exercise on a batch of images [B, C, H, W].</summary>
/// <param name="Images">The batch.</param>
public sealed record ImagesInput(TensorData Images);

/// <summary>02.2: standardise each channel over the batch and the pixels, (x - mean) / std (<c>Func&lt;Tensor, Tensor&gt;</c>).</summary>
public sealed class StandardizeExercise : Exercise<Func<Tensor, Tensor>, ImagesInput, TensorObservation>
{
    internal StandardizeExercise()
        : base(
            "02.2",
            "Standardise each colour channel: (x - mean) / std",
            2,
            [
                "One mean and one standard deviation per channel, computed over every image of the batch and every pixel. Which dimensions of [B, C, H, W] do they reduce?",
                "Reduce over those dimensions and keep them with size 1 (keepdim), so the statistics have shape [1, C, 1, 1] and broadcast against the batch. Standardising subtracts and then divides.",
            ],
            images =>
            {
                var mean = images.mean(new long[] { 0, 2, 3 }, keepdim: true);
                var std = images.std(new long[] { 0, 2, 3 }, keepdim: true);
                return (images - mean) / std;
            })
    {
    }

    /// <inheritdoc />
    protected override ImagesInput Example => new(Batch(new CaseRandom(7, "02.2-example"), 4, 3, 5, 6));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ImagesInput Input)> Generate(CaseRandom random)
    {
        int h = random.Between(2, 7);
        yield return ("a batch of RGB images, height and width differ", new(Batch(random, random.Between(2, 5), 3, h, random.BetweenExcept(2, 7, h))));
        yield return ("a batch of one image", new(Batch(random, 1, 3, random.Between(3, 6), random.Between(3, 6))));
        yield return ("a single-channel (grey) batch", new(Batch(random, random.Between(2, 4), 1, random.Between(2, 6), random.Between(2, 6))));
        yield return ("a batch with four channels", new(Batch(random, random.Between(2, 4), 4, random.Between(2, 5), random.Between(2, 5))));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor> answer, ImagesInput input)
    {
        using var images = input.Images.ToTensor();
        return Lesson02.Observe(answer(images), "Standardize");
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ImagesInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        if ((Judging.Shape(mine, theirs, "Your result", "standardising keeps the shape of the batch [B, C, H, W].") ?? Judging.Dtype(mine, theirs, "Your result")) is { } problem)
        {
            return problem;
        }

        // The population standard deviation (divide by n) is as good as the sample one (n - 1).
        long[] shape = theirs.Shape;
        long n = shape[0] * shape[2] * shape[3];
        if (Judging.AllClose(mine.Values, theirs.Values) || Judging.Scaled(mine.Values, theirs.Values, Math.Sqrt(n / (n - 1.0))))
        {
            return null;
        }

        for (int c = 0; c < shape[1]; c++)
        {
            var values = ChannelValues(mine, c).ToList();
            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
            if (!Judging.Close(mean, 0, 0, 1e-4))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Channel {c} of your result has mean {Judging.Format(mean)} over the batch and the pixels: after subtracting each channel's mean it is 0.");
            }

            if (!(std > 0.93 && std < 1.07))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Channel {c} of your result has standard deviation {Judging.Format(std)}: dividing by each channel's standard deviation makes it 1.");
            }
        }

        return "Every channel of your result has mean 0 and standard deviation 1, but the values are not (x - mean) / std with one mean and one std per channel of the whole batch: statistics per image, or per pixel position?";
    }

    private static IEnumerable<double> ChannelValues(TensorData data, int channel)
    {
        long[] s = data.Shape;
        long plane = s[2] * s[3];
        for (long b = 0; b < s[0]; b++)
        {
            long start = ((b * s[1]) + channel) * plane;
            for (long p = 0; p < plane; p++)
            {
                yield return data.Values[start + p];
            }
        }
    }

    /// <summary>Images whose channels have different offsets and scales, and whose images differ in brightness.</summary>
    private static TensorData Batch(CaseRandom random, int batch, int channels, int height, int width)
    {
        var values = new List<float>();
        double[] offsets = [.. Enumerable.Range(0, channels).Select(_ => random.Uniform(-2, 3))];
        double[] scales = [.. Enumerable.Range(0, channels).Select(_ => random.Uniform(0.2, 3))];
        for (int b = 0; b < batch; b++)
        {
            double brightness = random.Uniform(-1, 1);
            for (int c = 0; c < channels; c++)
            {
                values.AddRange(random.NormalFloats(height * width, scales[c], offsets[c] + brightness));
            }
        }

        return TensorData.OfFloats([batch, channels, height, width], values);
    }
}
