namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 00.1: one multi-hot target vector.</summary>
/// <param name="Target">One entry per label, 1 when present and 0 when not.</param>
public sealed record TargetInput(float[] Target);

/// <summary>00.1: count the labels present in one multi-hot target (<c>Func&lt;float[], int&gt;</c>).</summary>
public sealed class CountLabelsExercise : Exercise<Func<float[], int>, TargetInput, IntegerObservation>
{
    internal CountLabelsExercise()
        : base(
            "00.1",
            "Count the labels in a multi-hot target",
            1,
            [
                "A multi-hot target has one entry per label: 1 when the image carries the label, 0 when it does not. Which entries do you count?",
                "Go through the entries with a counter (a foreach loop), or let LINQ count the entries that meet a condition. An image may carry no label at all.",
            ],
            target => target.Count(v => v == 1f))
    {
    }

    /// <inheritdoc />
    protected override TargetInput Example => new([1, 0, 1, 0, 0, 1]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetInput Input)> Generate(CaseRandom random)
    {
        int length = random.Between(3, 9);
        yield return ("a target with no label at all", new TargetInput(new float[length]));
        yield return ("a target with every label present", new TargetInput([.. Enumerable.Repeat(1f, random.Between(2, 9))]));
        yield return ("a target of a single label", new TargetInput([random.Chance(0.5) ? 1f : 0f]));
        for (int i = 0; i < 3; i++)
        {
            yield return ("a random target", new TargetInput(random.Targets(1, random.Between(2, 12), 0.4)[0]));
        }
    }

    /// <inheritdoc />
    protected override IntegerObservation Run(Func<float[], int> answer, TargetInput input) => new(answer([.. input.Target]));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetInput> testCase, IntegerObservation learner, IntegerObservation reference)
    {
        if (learner.Value == reference.Value)
        {
            return null;
        }

        var what = testCase.IsExample ? "CountLabels([1, 0, 1, 0, 0, 1])" : "CountLabels";
        return reference.Value == 0
            ? $"{what} returned {learner.Value} for a target without any 1: an image may carry no label at all."
            : $"{what} returned {learner.Value}, which is not the number of entries equal to 1.";
    }
}
