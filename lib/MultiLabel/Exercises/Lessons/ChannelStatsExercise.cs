using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 05.3: images of all splits and the split of each.</summary>
/// <param name="Images">The images [N, C, H, W].</param>
/// <param name="Splits">Splits[i] is "train", "val" or "test": the split of image i.</param>
public sealed record SplitImagesInput(TensorData Images, string[] Splits);

/// <summary>The statistics an answer returned.</summary>
/// <param name="Mean">The returned means.</param>
/// <param name="Std">The returned standard deviations.</param>
public sealed record ChannelStatsObservation(TensorData Mean, TensorData Std);

/// <summary>
/// 05.3: the mean and standard deviation of each channel over every pixel of the training images only
/// (<c>Func&lt;Tensor, string[], (Tensor Mean, Tensor Std)&gt;</c>).
/// </summary>
public sealed class ChannelStatsExercise : Exercise<Func<Tensor, string[], (Tensor Mean, Tensor Std)>, SplitImagesInput, ChannelStatsObservation>
{
    private static readonly string[] SplitChoices = ["train", "train", "val", "test"];

    internal ChannelStatsExercise()
        : base(
            "05.3",
            "Per-channel mean and std of the training split",
            2,
            [
                "Two questions: which images may the statistics see, and over which dimensions of [N, C, H, W] does one channel's value range? The result has one number per channel.",
                "Keep the rows whose split is \"train\" (index_select with their indices), then reduce over the images, the height and the width together, for the mean and for the standard deviation alike.",
            ],
            (images, splits) =>
            {
                long[] train = [.. Enumerable.Range(0, splits.Length).Where(i => splits[i] == "train").Select(i => (long)i)];
                var pixels = images.index_select(0, torch.tensor(train));
                return (pixels.mean(new long[] { 0, 2, 3 }), pixels.std(new long[] { 0, 2, 3 }));
            })
    {
    }

    /// <inheritdoc />
    protected override SplitImagesInput Example => Make(new CaseRandom(3, "05.3-example"), ["train", "train", "val", "train", "test", "train"], 3, 4, 4);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, SplitImagesInput Input)> Generate(CaseRandom random)
    {
        yield return ("RGB images of three splits, interleaved", Make(random, Splits(random, random.Between(8, 14)), 3, random.Between(3, 6), random.Between(3, 6)));
        yield return ("height and width differ, the training images last", Make(random, [.. Enumerable.Repeat("test", 3), "val", .. Enumerable.Repeat("train", random.Between(3, 6))], 3, 3, 5));
        yield return ("a single-channel (grey) dataset", Make(random, Splits(random, random.Between(6, 10)), 1, random.Between(3, 5), random.Between(3, 5)));
        yield return ("as many channels as images", Make(random, ["train", "val", "train", "train"], 4, 3, 3));
    }

    /// <inheritdoc />
    protected override ChannelStatsObservation Run(Func<Tensor, string[], (Tensor Mean, Tensor Std)> answer, SplitImagesInput input)
    {
        using var images = input.Images.ToTensor();
        var (mean, std) = answer(images, [.. input.Splits]);
        if (mean is null || std is null)
        {
            throw new ImproperAnswerException("ChannelStats returned null: return (mean, std), two tensors.");
        }

        return new ChannelStatsObservation(TensorData.From(mean), TensorData.From(std));
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<SplitImagesInput> testCase, ChannelStatsObservation learner, ChannelStatsObservation reference)
    {
        var input = testCase.Input;
        long[] shape = input.Images.Shape;
        long channels = shape[1];
        foreach (var (mine, what) in new[] { (learner.Mean, "Your mean"), (learner.Std, "Your std") })
        {
            if (mine.Shape.SequenceEqual(reference.Mean.Shape))
            {
                continue;
            }

            long trainCount = input.Splits.Count(s => s == "train");
            string why = mine.Shape.Length == 2 && mine.Shape[1] == channels
                ? "one value per image and channel: reduce over the images too (dimension 0)."
                : mine.Shape.Length == 3 && mine.Shape[0] == channels
                    ? "one value per channel and pixel position: reduce over height and width too (dimensions 2 and 3)."
                    : mine.Shape.Length == 1 && mine.Shape[0] != channels
                        ? "that is not one value per channel: keep dimension 1, the channel, and reduce the others."
                        : $"it needs one value per channel [{channels}] (the training split has {trainCount} images).";
            return $"{what} has shape {mine.ShapeText}: {why}";
        }

        if ((Judging.Dtype(learner.Mean, reference.Mean, "Your mean") ?? Judging.Dtype(learner.Std, reference.Std, "Your std")) is { } dtype)
        {
            return dtype + " Keep the images' Float32.";
        }

        var all = Statistics(input, _ => true);
        var train = Statistics(input, s => s == "train");
        if (!Judging.AllClose(learner.Mean.Values, reference.Mean.Values))
        {
            return Judging.AllClose(learner.Mean.Values, all.Mean)
                ? "Your mean is the mean over every image, validation and test included. Normalisation statistics come from the training split only: the other splits stand in for images the model has never seen."
                : $"Your mean of channel {Enumerable.Range(0, (int)channels).First(c => !Judging.Close(learner.Mean.Values[c], reference.Mean.Values[c]))} is not right.";
        }

        // The sample (n - 1) and the population (n) standard deviations are both accepted: over real images they agree to six digits.
        var stds = learner.Std.Values;
        long n = train.Count * shape[2] * shape[3];
        if (Judging.AllClose(stds, reference.Std.Values) || Judging.Scaled(stds, reference.Std.Values, Math.Sqrt((n - 1.0) / n)))
        {
            return null;
        }

        if (Judging.AllClose(stds, all.Std) || Judging.AllClose(stds, all.PopulationStd))
        {
            return "Your std is computed over every image, validation and test included: use the training images only, as for the mean.";
        }

        if (Judging.AllClose(stds, train.MeanOfImageStds, 1e-3, 1e-4) || Judging.AllClose(stds, train.MeanOfImagePopulationStds, 1e-3, 1e-4))
        {
            return "Your std averages the standard deviation of each image: that misses how much the images differ from one another. Take the std over all training pixels of a channel at once.";
        }

        return $"Your std of channel {Enumerable.Range(0, (int)channels).First(c => !Judging.Close(stds[c], reference.Std.Values[c]))} is not right: the spread of all training pixel values of that channel around their mean.";
    }

    private static (int Count, double[] Mean, double[] Std, double[] PopulationStd, double[] MeanOfImageStds, double[] MeanOfImagePopulationStds) Statistics(SplitImagesInput input, Func<string, bool> keep)
    {
        long[] s = input.Images.Shape;
        int plane = (int)(s[2] * s[3]);
        var rows = Enumerable.Range(0, input.Splits.Length).Where(i => keep(input.Splits[i])).ToList();
        var mean = new double[s[1]];
        var std = new double[s[1]];
        var population = new double[s[1]];
        var imageStds = new double[s[1]];
        var imagePopulationStds = new double[s[1]];
        for (int c = 0; c < s[1]; c++)
        {
            var values = rows.SelectMany(i => Plane(input.Images, i, c, plane)).ToList();
            mean[c] = values.Average();
            double squares = values.Sum(v => (v - mean[c]) * (v - mean[c]));
            std[c] = Math.Sqrt(squares / (values.Count - 1));
            population[c] = Math.Sqrt(squares / values.Count);
            foreach (int i in rows)
            {
                var own = Plane(input.Images, i, c, plane).ToList();
                double m = own.Average(), q = own.Sum(v => (v - m) * (v - m));
                imageStds[c] += Math.Sqrt(q / (own.Count - 1)) / rows.Count;
                imagePopulationStds[c] += Math.Sqrt(q / own.Count) / rows.Count;
            }
        }

        return (rows.Count, mean, std, population, imageStds, imagePopulationStds);
    }

    private static IEnumerable<double> Plane(TensorData images, int image, int channel, int plane) =>
        images.Values.Skip(((image * (int)images.Shape[1]) + channel) * plane).Take(plane);

    private static string[] Splits(CaseRandom random, int count)
    {
        var splits = Enumerable.Range(0, count).Select(_ => random.Pick(SplitChoices)).ToArray();
        splits[0] = "val";
        splits[1] = "train";
        splits[^1] = "train";
        return splits;
    }

    /// <summary>Images whose channels have their own offset and scale, and whose validation and test images are brighter.</summary>
    private static SplitImagesInput Make(CaseRandom random, string[] splits, int channels, int height, int width)
    {
        double[] offsets = [.. Enumerable.Range(0, channels).Select(_ => random.Uniform(0.2, 0.6))];
        double[] scales = [.. Enumerable.Range(0, channels).Select(_ => random.Uniform(0.05, 0.25))];
        var values = new List<float>();
        foreach (var split in splits)
        {
            double shift = (split == "train" ? 0 : 0.15) + random.Uniform(-0.1, 0.1);
            for (int c = 0; c < channels; c++)
            {
                values.AddRange(random.NormalFloats(height * width, scales[c], offsets[c] + shift));
            }
        }

        return new SplitImagesInput(TensorData.OfFloats([splits.Length, channels, height, width], values), splits);
    }
}
