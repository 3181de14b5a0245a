namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 01.2: targets and predictions of the same shape (0/1 entries).</summary>
/// <param name="Targets">Row i is the target of image i.</param>
/// <param name="Predictions">Row i is the predicted label set of image i.</param>
public sealed record TargetsAndPredictionsInput(float[][] Targets, float[][] Predictions);

/// <summary>01.2: Hamming accuracy, the share of (image, label) cells predicted right (<c>Func&lt;float[][], float[][], double&gt;</c>).</summary>
public sealed class HammingAccuracyExercise : Exercise<Func<float[][], float[][], double>, TargetsAndPredictionsInput, NumberObservation>
{
    internal HammingAccuracyExercise()
        : base(
            "01.2",
            "Hamming accuracy: the share of right yes/no decisions",
            2,
            [
                "A multi-label prediction is N x L separate yes/no decisions, one per image and label. Which of them are right?",
                "Compare the two matrices cell by cell, count the cells where they agree, and divide by the number of cells (not of images).",
            ],
            (targets, predictions) =>
            {
                int right = 0, cells = 0;
                for (int i = 0; i < targets.Length; i++)
                {
                    for (int j = 0; j < targets[i].Length; j++)
                    {
                        cells++;
                        if (targets[i][j] == predictions[i][j])
                        {
                            right++;
                        }
                    }
                }

                return (double)right / cells;
            })
    {
    }

    /// <inheritdoc />
    protected override TargetsAndPredictionsInput Example => new(
        [[1, 0, 1], [0, 0, 0], [1, 1, 0], [0, 0, 1]],
        [[1, 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, 1]]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetsAndPredictionsInput Input)> Generate(CaseRandom random)
    {
        for (int i = 0; i < 2; i++)
        {
            var targets = Lesson01.RandomTargets(random);
            yield return ("random predictions, as many images as labels differ", new(targets, Noisy(random, targets, 0.25)));
        }

        var rare = Lesson01.RandomTargets(random, 0.1);
        yield return ("the model that always answers no", new(rare, [.. rare.Select(t => new float[t.Length])]));
        var perfect = Lesson01.RandomTargets(random);
        yield return ("perfect predictions", new(perfect, Lesson01.Copy(perfect)));
        var inverted = Lesson01.RandomTargets(random);
        yield return ("predictions that are all wrong", new(inverted, [.. inverted.Select(t => t.Select(v => 1 - v).ToArray())]));
    }

    /// <inheritdoc />
    protected override NumberObservation Run(Func<float[][], float[][], double> answer, TargetsAndPredictionsInput input) =>
        new(answer(Lesson01.Copy(input.Targets), Lesson01.Copy(input.Predictions)));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetsAndPredictionsInput> testCase, NumberObservation learner, NumberObservation reference)
    {
        if (Judging.Close(learner.Value, reference.Value, 1e-6, 1e-9))
        {
            return null;
        }

        var (targets, predictions) = (testCase.Input.Targets, testCase.Input.Predictions);
        double exact = targets.Zip(predictions).Count(p => p.First.SequenceEqual(p.Second)) / (double)targets.Length;
        double right = targets.Zip(predictions).Sum(p => p.First.Zip(p.Second).Count(c => c.First == c.Second));
        if (Judging.Close(learner.Value, exact, 1e-6, 1e-9))
        {
            return "You counted the images whose whole row is right (that is the exact-match ratio): Hamming accuracy counts every (image, label) cell.";
        }

        if (Judging.Close(learner.Value, right / targets.Length, 1e-6, 1e-9))
        {
            return "You divided by the number of images: divide by the number of cells.";
        }

        double positives = targets.Sum(t => t.Sum());
        double found = targets.Zip(predictions).Sum(p => p.First.Zip(p.Second).Count(c => c.First == 1 && c.Second == 1));
        return positives > 0 && Judging.Close(learner.Value, found / positives, 1e-6, 1e-9)
            ? "You counted only the labels that are present (that is recall): a right 'no' counts too."
            : $"You returned {Judging.Format(learner.Value)}, which is not the share of cells where prediction and target agree.";
    }

    private static float[][] Noisy(CaseRandom random, float[][] targets, double flip) =>
        [.. targets.Select(t => t.Select(v => random.Chance(flip) ? 1 - v : v).ToArray())];
}
