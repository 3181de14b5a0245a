using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>
/// 09.3: the probability of drawing each image when resampling by the rarest label: weight
/// <c>max over its labels of N / count_l</c> (1 for an image without labels), divided by the sum of the weights,
/// as <see cref="Data.WeightedSampler.ForRareLabels"/> does (<c>Func&lt;Tensor, Tensor&gt;</c>: targets [N, L] to
/// probabilities [N]).
/// </summary>
public sealed class SampleWeightsExercise : Exercise<Func<Tensor, Tensor>, TargetTensorInput, TensorObservation>
{
    internal SampleWeightsExercise()
        : base(
            "09.3",
            "Resampling: the probability of drawing each image",
            2,
            [
                "Three steps: each label's inverse frequency N / count; each image's weight, the largest inverse frequency among the labels it carries (1 when it carries none); the weights turned into probabilities. What must probabilities add up to?",
                "torch.where(condition, a, b) picks a where the condition holds and b elsewhere (a [L] tensor broadcasts against [N, L]); max(1) returns the values and the indices of each row's maximum. A label that no image carries has count 0: make sure its infinity never reaches a weight.",
            ],
            targets =>
            {
                var counts = targets.sum(dim: 0);
                var inverse = targets.shape[0] / counts;
                var weights = torch.where(targets > 0.5, inverse.expand_as(targets), torch.ones_like(targets)).max(1).values;
                return weights / weights.sum();
            })
    {
    }

    /// <inheritdoc />
    protected override TargetTensorInput Example => new(TargetData([[1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 0, 1]]));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetTensorInput Input)> Generate(CaseRandom random)
    {
        yield return ("random targets", new(TargetData(random.Targets(random.Between(12, 30), random.Between(3, 6), 0.35))));
        var absent = random.Targets(random.Between(12, 30), random.Between(3, 6), 0.4);
        int label = random.Between(0, absent[0].Length - 1);
        foreach (var row in absent)
        {
            row[label] = 0;
        }

        yield return ("a label that no image carries", new(TargetData(absent)));
        var empty = random.Targets(random.Between(12, 30), random.Between(3, 6), 0.3);
        empty[0] = new float[empty[0].Length];
        empty[^1] = new float[empty[0].Length];
        yield return ("images without any label", new(TargetData(empty)));
        yield return ("a single image", new(TargetData([[1, 0, 1, 0]])));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor> answer, TargetTensorInput input)
    {
        using var targets = input.Targets.ToTensor();
        return Lesson02.Observe(answer(targets), "DrawProbabilities");
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetTensorInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        var targets = testCase.Input.Targets;
        int images = (int)targets.Shape[0], labels = (int)targets.Shape[1];
        if (mine.Shape.SequenceEqual(new long[] { labels }) && labels != images)
        {
            return "Your result has one value per label: the sampler needs one probability per image.";
        }

        if ((Judging.Shape(mine, theirs, "Your result", "it has one probability per image.") ?? Judging.Dtype(mine, theirs, "Your result")) is { } problem)
        {
            return problem;
        }

        if (Judging.AllClose(mine.Values, theirs.Values, 1e-4, 1e-6))
        {
            return null;
        }

        if (mine.Values.Any(v => !double.IsFinite(v)))
        {
            return "Some of your probabilities are NaN or infinite: a label that no image carries has count 0, so N / count is infinite, and 0 x infinity is NaN. Pick the inverse frequencies only where the image has the label.";
        }

        var rows = Enumerable.Range(0, images).Select(i => targets.Values.Skip(i * labels).Take(labels).ToArray()).ToArray();
        double sum = mine.Values.Sum();
        if (Math.Abs(sum - 1) > 1e-3)
        {
            return Judging.AllClose(mine.Values, [.. theirs.Values.Select(v => v * sum)], 1e-4, 1e-6)
                ? $"Your values are right up to a factor: they add up to {Judging.Format(sum)}. Divide the weights by their sum (not by the number of images), so that the probabilities add up to 1."
                : $"Your probabilities add up to {Judging.Format(sum)}: the probabilities of drawing each image add up to 1.";
        }

        var empty = Enumerable.Range(0, images).Where(i => rows[i].All(v => v < 0.5)).ToList();
        if (empty.Count > 0 && empty.Any(i => mine.Values[i] == 0))
        {
            return "An image without any label has probability 0 in your answer: it would never be drawn, and the model would never see an image with nothing on it. Give it weight 1.";
        }

        var counts = Enumerable.Range(0, labels).Select(l => rows.Sum(r => r[l] > 0.5 ? 1.0 : 0.0)).ToArray();
        double[] Normalised(Func<double[], double> weight)
        {
            var w = rows.Select(weight).ToArray();
            return [.. w.Select(v => v / w.Sum())];
        }

        IEnumerable<double> Inverse(double[] row) => Enumerable.Range(0, labels).Where(l => row[l] > 0.5).Select(l => images / counts[l]);
        if (Judging.AllClose(mine.Values, Normalised(r => Inverse(r).DefaultIfEmpty(1).Average()), 1e-4, 1e-6))
        {
            return "You averaged the inverse frequencies of an image's labels: an image with a rare label is then diluted by its common ones. Take the largest (the rarest label decides).";
        }

        if (Judging.AllClose(mine.Values, Normalised(r => Inverse(r).DefaultIfEmpty(1).Sum()), 1e-4, 1e-6))
        {
            return "You added up the inverse frequencies of an image's labels: an image with many common labels then outweighs one with a single rare label. Take the largest.";
        }

        return Judging.Values(mine, theirs, "Your probability", 1e-4, 1e-6);
    }

    private static TensorData TargetData(float[][] rows) => TensorData.OfFloats([rows.Length, rows[0].Length], rows.SelectMany(r => r));
}
