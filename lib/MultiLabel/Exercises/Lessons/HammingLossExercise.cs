namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 08.2: targets, scores of the same shape, and the threshold a label is predicted at.</summary>
/// <param name="Targets">Row i is the 0/1 target of image i.</param>
/// <param name="Scores">Row i holds image i's probabilities.</param>
/// <param name="Threshold">A label is predicted when its score is at least this.</param>
public sealed record ScoresAtThresholdInput(float[][] Targets, float[][] Scores, double Threshold);

/// <summary>08.2: Hamming loss, the share of (image, label) cells predicted wrongly at a threshold (<c>Func&lt;float[][], float[][], double, double&gt;</c>).</summary>
public sealed class HammingLossExercise : Exercise<Func<float[][], float[][], double, double>, ScoresAtThresholdInput, NumberObservation>
{
    internal HammingLossExercise()
        : base(
            "08.2",
            "Hamming loss at a threshold",
            2,
            [
                "First turn each score into a yes or a no with the threshold, with the library's convention for a score exactly at it. Then every (image, label) cell is one decision, right or wrong.",
                "Predicted means score >= threshold. A cell is wrong when the prediction and the target differ, in either direction; the loss is the wrong cells over all cells (images times labels).",
            ],
            (targets, scores, threshold) =>
            {
                int wrong = 0, cells = 0;
                for (int i = 0; i < targets.Length; i++)
                {
                    for (int j = 0; j < targets[i].Length; j++)
                    {
                        float predicted = scores[i][j] >= threshold ? 1 : 0;
                        wrong += predicted != targets[i][j] ? 1 : 0;
                        cells++;
                    }
                }

                return (double)wrong / cells;
            })
    {
    }

    /// <inheritdoc />
    protected override ScoresAtThresholdInput Example => new(Lesson08.ExampleTargets, Lesson08.ExampleScores, 0.5);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ScoresAtThresholdInput Input)> Generate(CaseRandom random)
    {
        for (int i = 0; i < 2; i++)
        {
            var targets = Lesson01.RandomTargets(random);
            yield return ("random scores, some exactly at the threshold", new(targets, Scores(random, targets), random.Pick([0.25, 0.5, 0.75])));
        }

        var sparse = Lesson01.RandomTargets(random, 0.08);
        yield return ("sparse labels and a model that answers no everywhere", new(sparse, [.. sparse.Select(t => new float[t.Length])], 0.5));
        var perfect = Lesson01.RandomTargets(random);
        yield return ("scores that put every label on the right side", new(perfect, [.. perfect.Select(t => t.Select(v => v == 1 ? 0.875f : 0.125f).ToArray())], 0.5));
        var low = Lesson01.RandomTargets(random);
        yield return ("a low threshold (many labels predicted)", new(low, Scores(random, low), 0.125));
    }

    /// <inheritdoc />
    protected override NumberObservation Run(Func<float[][], float[][], double, double> answer, ScoresAtThresholdInput input) =>
        new(answer(Lesson08.Copy(input.Targets), Lesson08.Copy(input.Scores), input.Threshold));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ScoresAtThresholdInput> testCase, NumberObservation learner, NumberObservation reference)
    {
        if (Close(learner.Value, reference.Value))
        {
            return null;
        }

        var (targets, scores, threshold) = (testCase.Input.Targets, testCase.Input.Scores, testCase.Input.Threshold);
        double cells = targets.Length * targets[0].Length;
        if (Close(learner.Value, 1 - reference.Value))
        {
            return "You returned the share of right cells (Hamming accuracy): the loss is the share of wrong ones.";
        }

        var atThreshold = Lesson08.AtThreshold(scores, threshold);
        bool perImage = Close(learner.Value, Wrong(targets, atThreshold) / targets.Length);
        bool subset = Close(learner.Value, targets.Zip(atThreshold).Count(p => !p.First.SequenceEqual(p.Second)) / (double)targets.Length);
        if (perImage && subset)
        {
            return "You divided by the number of images (or counted the images with a mistake, 1 - subset accuracy): Hamming loss divides the wrong cells by all cells (images times labels).";
        }

        if (perImage)
        {
            return "You divided by the number of images: divide by the number of cells (images times labels).";
        }

        if (subset)
        {
            return "You counted the images with at least one mistake (1 - subset accuracy): Hamming loss counts the wrong cells, so an image with one wrong label out of six adds 1/6 of an image, not a whole one.";
        }

        var strict = StrictPredictions(scores, threshold);
        if (Close(learner.Value, Wrong(targets, strict) / cells))
        {
            return "A score exactly at the threshold counts as predicted in the library (score >= threshold); yours leaves it out.";
        }

        var predictions = Lesson08.AtThreshold(scores, threshold);
        var (tp, fp, fn) = Lesson08.Counts(targets, predictions);
        double positives = targets.Sum(t => t.Sum());
        bool missedOnly = Close(learner.Value, fn.Sum() / cells) || (positives > 0 && Close(learner.Value, fn.Sum() / positives));
        bool alarmsOnly = Close(learner.Value, fp.Sum() / cells);
        if (missedOnly || alarmsOnly)
        {
            return missedOnly && alarmsOnly
                ? "You counted only one kind of mistake: a label that is present but missed and a false alarm (predicted but absent) are both wrong cells."
                : missedOnly
                    ? "You counted only the labels that are present but missed: a false alarm (predicted but absent) is a wrong cell too."
                    : "You counted only the false alarms: a label that is present but not predicted is a wrong cell too.";
        }

        double raw = targets.Zip(scores).Sum(p => p.First.Zip(p.Second).Sum(c => Math.Abs(c.First - c.Second))) / cells;
        return Close(learner.Value, raw)
            ? "You averaged |score - target|: first turn each score into a 0/1 prediction with the threshold."
            : $"You returned {Judging.Format(learner.Value)}, which is not the share of wrong cells.";
    }

    private static float[][] Scores(CaseRandom random, float[][] targets) =>
        [.. targets.Select(t => t.Select(v => random.Between(v == 1 ? 2 : 0, v == 1 ? 8 : 6) / 8f).ToArray())];   // multiples of 1/8: some land exactly on the threshold

    private static float[][] StrictPredictions(float[][] scores, double threshold) =>
        [.. scores.Select(r => r.Select(s => s > threshold ? 1f : 0f).ToArray())];

    private static double Wrong(float[][] targets, float[][] predictions) =>
        targets.Zip(predictions).Sum(p => p.First.Zip(p.Second).Count(c => c.First != c.Second));

    private static bool Close(double learner, double reference) => Judging.Close(learner, reference, 1e-6, 1e-9);
}
