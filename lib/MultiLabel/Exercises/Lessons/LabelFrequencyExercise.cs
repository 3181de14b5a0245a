using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of an exercise on a target tensor [N, L].</summary>
/// <param name="Targets">The multi-hot targets, Float32.</param>
public sealed record TargetTensorInput(TensorData Targets);

/// <summary>02.3: the fraction of images that carry each label (<c>Func&lt;Tensor, Tensor&gt;</c>).</summary>
public sealed class LabelFrequencyExercise : Exercise<Func<Tensor, Tensor>, TargetTensorInput, TensorObservation>
{
    internal LabelFrequencyExercise()
        : base(
            "02.3",
            "Label frequency: the fraction of images with each label",
            1,
            [
                "A label's frequency is (images that carry it) / (number of images). Which dimension of [N, L] counts images?",
                "Reduce over that dimension, naming it (dim: ...), as the trap above showed. The result has one value per label.",
            ],
            targets => targets.sum(dim: 0) / targets.shape[0])
    {
    }

    /// <inheritdoc />
    protected override TargetTensorInput Example => new(TargetData([[1, 0, 1], [1, 0, 0], [1, 1, 0], [1, 0, 0], [1, 0, 0]]));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetTensorInput Input)> Generate(CaseRandom random)
    {
        yield return ("random targets, as many images as labels differ", new(TargetData(Lesson01.RandomTargets(random))));
        var absent = Lesson01.RandomTargets(random);
        int label = random.Between(0, absent[0].Length - 1);
        foreach (var row in absent)
        {
            row[label] = 0;
        }

        yield return ("a label that no image carries", new(TargetData(absent)));
        yield return ("more than 255 images", new(TargetData(random.Targets(random.Between(300, 400), random.Between(2, 5), 0.9))));
        yield return ("a single image", new(TargetData(random.Targets(1, random.Between(2, 6), 0.5))));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor> answer, TargetTensorInput input)
    {
        using var targets = input.Targets.ToTensor();
        return Lesson02.Observe(answer(targets), "LabelFrequency");
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

        if (mine.Shape.SequenceEqual(new[] { images }) && images != theirs.Shape[0])
        {
            return "Your result has one value per image: you reduced over the labels (dimension 1) instead of over the images.";
        }

        if ((Judging.Shape(mine, theirs, "Your result", "it has one value per label.") ?? Judging.Dtype(mine, theirs, "Your result")) is { } problem)
        {
            return problem + (mine.Dtype != theirs.Dtype ? " The frequencies are Float32, like the targets." : string.Empty);
        }

        return images > 1 && Judging.Scaled(mine.Values, theirs.Values, images)
            ? "These are counts of images: divide by the number of images."
            : Judging.Values(mine, theirs, "Your frequency");
    }

    private static TensorData TargetData(float[][] rows) => TensorData.OfFloats([rows.Length, rows[0].Length], rows.SelectMany(r => r));
}
