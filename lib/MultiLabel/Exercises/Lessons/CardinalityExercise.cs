namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of exercises on a target matrix: one multi-hot row per image.</summary>
/// <param name="Targets">Row i is the target of image i.</param>
public sealed record TargetsInput(float[][] Targets);

/// <summary>01.1: label cardinality, the mean number of labels per image (<c>Func&lt;float[][], double&gt;</c>).</summary>
public sealed class CardinalityExercise : Exercise<Func<float[][], double>, TargetsInput, NumberObservation>
{
    internal CardinalityExercise()
        : base(
            "01.1",
            "Label cardinality: the mean number of labels per image",
            1,
            [
                "How many labels does one image carry? Look at its row of the target matrix.",
                "Count each row's labels, then average over all rows, the rows without any label included. Watch out for integer division.",
            ],
            targets => targets.Average(t => (double)t.Sum()))
    {
    }

    /// <inheritdoc />
    protected override TargetsInput Example => new([[1, 0, 1], [0, 0, 0], [1, 1, 1], [0, 0, 1], [1, 0, 0]]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetsInput Input)> Generate(CaseRandom random)
    {
        yield return ("random targets, as many images as labels differ", new TargetsInput(Lesson01.RandomTargets(random)));
        var sparse = Lesson01.RandomTargets(random, 0.15);
        sparse[0] = new float[sparse[0].Length];
        yield return ("sparse targets with images without any label", new TargetsInput(sparse));
        int labels = random.Between(2, 6);
        yield return ("no image carries a label", new TargetsInput(random.Targets(random.Between(2, 9), labels, 0)));
        yield return ("every image carries every label", new TargetsInput(random.Targets(random.Between(2, 9), labels, 1)));
        yield return ("a single image", new TargetsInput(random.Targets(1, random.Between(3, 8), 0.5)));
    }

    /// <inheritdoc />
    protected override NumberObservation Run(Func<float[][], double> answer, TargetsInput input) => new(answer(Lesson01.Copy(input.Targets)));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetsInput> testCase, NumberObservation learner, NumberObservation reference)
    {
        if (Judging.Close(learner.Value, reference.Value, 1e-6, 1e-9))
        {
            return null;
        }

        var targets = testCase.Input.Targets;
        var labelled = targets.Where(t => t.Sum() > 0).ToList();
        double total = targets.Sum(t => t.Sum());
        if (labelled.Count > 0 && labelled.Count < targets.Length && Judging.Close(learner.Value, labelled.Average(t => (double)t.Sum()), 1e-6, 1e-9))
        {
            return "You left out the images without any label: they count, with 0 labels.";
        }

        if (Judging.Close(learner.Value, total / targets[0].Length, 1e-6, 1e-9) || Judging.Close(learner.Value, total / (targets.Length * targets[0].Length), 1e-6, 1e-9))
        {
            return "You divided by the number of labels: the mean is over images.";
        }

        if (learner.Value == Math.Floor(reference.Value) && reference.Value != Math.Floor(reference.Value))
        {
            return $"You returned {Judging.Format(learner.Value)}, a whole number where the mean is not one: integer division?";
        }

        return $"You returned {Judging.Format(learner.Value)}, which is not the mean number of labels per image.";
    }
}
