using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>
/// 09.1: the positive weight of each label from the training targets, <c>negatives / positives</c> clamped to
/// [1/50, 50] (a label with no positives gets 50), as <see cref="Losses.PositiveWeights.FromCounts"/> computes it
/// (<c>Func&lt;Tensor, Tensor&gt;</c>).
/// </summary>
public sealed class PosWeightExercise : Exercise<Func<Tensor, Tensor>, TargetTensorInput, TensorObservation>
{
    /// <summary>The largest (and 1 / the smallest) weight: <see cref="Losses.PositiveWeights.DefaultMax"/>.</summary>
    public const double Max = Losses.PositiveWeights.DefaultMax;

    internal PosWeightExercise()
        : base(
            "09.1",
            "pos_weight from the label counts: negatives / positives",
            1,
            [
                "For each label count the images that carry it (positives) and those that do not (negatives). Which dimension of [N, L] counts images, and what does the sum(0) trap of lesson 02 do?",
                "The weight makes the positives of a label weigh as much, in total, as its negatives. What does your division give for a label that no image carries, and for one that every image carries? clamp(min, max) keeps a tensor inside bounds, infinity included.",
            ],
            targets =>
            {
                var positives = targets.sum(dim: 0);
                var negatives = targets.shape[0] - positives;
                return (negatives / positives).clamp(1 / 50.0, 50);
            })
    {
    }

    /// <inheritdoc />
    protected override TargetTensorInput Example => new(TargetData([[1, 0, 1], [1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0]]));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetTensorInput Input)> Generate(CaseRandom random)
    {
        yield return ("random targets, as many images as labels differ", new(TargetData(random.Targets(random.Between(12, 30), random.Between(3, 6), 0.35))));
        var absent = random.Targets(random.Between(12, 30), random.Between(3, 6), 0.4);
        int label = random.Between(0, absent[0].Length - 1);
        foreach (var row in absent)
        {
            row[label] = 0;
        }

        yield return ("a label that no image carries", new(TargetData(absent)));
        var everywhere = random.Targets(random.Between(12, 30), random.Between(3, 6), 0.3);
        foreach (var row in everywhere)
        {
            row[0] = 1;
        }

        yield return ("a label that every image carries", new(TargetData(everywhere)));
        yield return ("a rare label among 300 or more images", new(TargetData(RareLabel(random))));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor> answer, TargetTensorInput input)
    {
        using var targets = input.Targets.ToTensor();
        return Lesson02.Observe(answer(targets), "PosWeight");
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetTensorInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        long images = testCase.Input.Targets.Shape[0];
        if (mine.Dtype == nameof(ScalarType.Byte))
        {
            return "Your result is a Byte tensor: t.sum(0) calls sum(ScalarType), because a constant 0 converts to an enum. Name the dimension: sum(dim: 0).";
        }

        if (mine.Shape.Length == 0)
        {
            return "Your result is a single number: t.sum(0) calls sum(ScalarType), because a constant 0 converts to an enum, and sums every value. Name the dimension: sum(dim: 0).";
        }

        if (mine.Shape.SequenceEqual(new[] { images }) && images != theirs.Shape[0])
        {
            return "Your result has one value per image: you counted over the labels of each image (dimension 1) instead of over the images.";
        }

        if ((Judging.Shape(mine, theirs, "Your result", "it has one weight per label.") ?? Judging.Dtype(mine, theirs, "Your result")) is { } problem)
        {
            return problem;
        }

        if (Judging.AllClose(mine.Values, theirs.Values))
        {
            return null;
        }

        if (mine.Values.Any(double.IsInfinity) || mine.Values.Any(double.IsNaN))
        {
            return "Some of your weights are infinite or NaN: that is a label without positives (x / 0). Clamp the weights to [1/50, 50]: such a label gets 50.";
        }

        // What the typical slips give, computed from the case's targets.
        var targets = testCase.Input.Targets;
        int labels = (int)targets.Shape[1];
        var positives = Enumerable.Range(0, labels).Select(l => Enumerable.Range(0, (int)images).Sum(i => targets.Values[(i * labels) + l])).ToArray();
        double Clamp(double w) => Math.Clamp(w, 1 / Max, Max);
        bool Matches(Func<double, double> weight) => Judging.AllClose(mine.Values, [.. positives.Select(weight)]);
        if (Matches(p => Clamp(p / (images - p))))
        {
            return "Your weights are upside down: positives / negatives makes a rare label weigh less. A rare label's positives must count more.";
        }

        if (Matches(p => Clamp(images / p)) || Matches(p => images / Math.Max(p, 1)))
        {
            return "You divided all images by the positives: the weight compares the positives with the negatives, the images without the label.";
        }

        if (Matches(p => p == 0 ? Max : (images - p) / p) || Matches(p => p == 0 ? Max : Math.Min((images - p) / p, Max)))
        {
            return "Your weights are right except at the bounds: a label that every image carries has weight 0 in your answer, and no weight may be below 1/50 (clamp both ends).";
        }

        return Judging.Values(mine, theirs, "Your weight");
    }

    private static float[][] RareLabel(CaseRandom random)
    {
        var rows = random.Targets(random.Between(300, 400), random.Between(3, 5), 0.4);
        int label = random.Between(0, rows[0].Length - 1);
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i][label] = i % 40 == 3 ? 1 : 0;
        }

        return rows;
    }

    private static TensorData TargetData(float[][] rows) => TensorData.OfFloats([rows.Length, rows[0].Length], rows.SelectMany(r => r));
}
