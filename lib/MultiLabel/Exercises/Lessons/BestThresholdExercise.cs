namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 08.3: one label's validation scores and targets (at least one positive).</summary>
/// <param name="Scores">The probability of the label for each validation image.</param>
/// <param name="Targets">1 where the image has the label, else 0.</param>
public sealed record LabelScoresInput(float[] Scores, float[] Targets);

/// <summary>
/// 08.3: the F1-maximising threshold of one label, with <see cref="Metrics.ThresholdTuning"/>'s conventions
/// (<c>Func&lt;float[], float[], double&gt;</c>): every distinct score is a candidate (predict what scores at least as
/// high), equal F1 keeps the higher candidate, and the threshold returned lies halfway between the best candidate and
/// the next lower score (0 when the best is to predict every image).
/// </summary>
public sealed class BestThresholdExercise : Exercise<Func<float[], float[], double>, LabelScoresInput, NumberObservation>
{
    internal BestThresholdExercise()
        : base(
            "08.3",
            "The best threshold of one label on validation data",
            3,
            [
                "Only the distinct scores matter as candidates: between two neighbouring scores every threshold predicts the same images. Sort the images by score, highest first, and walk down.",
                "Walking down, the predicted set grows one run of equal scores at a time; after each run, F1 = 2 tp / (predicted + positives). Keep the first best (the highest threshold wins a tie), then return the midpoint between that run's score and the next lower score, or 0 when the best run is the last one.",
            ],
            (scores, targets) =>
            {
                var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
                double positives = targets.Sum(), truePositives = 0, bestF1 = -1;
                int bestCount = 0;   // how many images the best threshold predicts
                for (int k = 0; k < order.Length; k++)
                {
                    truePositives += targets[order[k]];
                    bool endOfRun = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
                    double f1 = 2 * truePositives / (k + 1 + positives);
                    if (endOfRun && f1 > bestF1)
                    {
                        (bestF1, bestCount) = (f1, k + 1);
                    }
                }

                return bestCount == order.Length ? 0.0 : ((double)scores[order[bestCount - 1]] + scores[order[bestCount]]) / 2;
            })
    {
    }

    /// <inheritdoc />
    protected override LabelScoresInput Example => new(
        [0.95f, 0.9f, 0.8f, 0.7f, 0.7f, 0.6f, 0.45f, 0.4f, 0.3f, 0.1f],
        [1, 1, 0, 1, 0, 1, 0, 0, 1, 0]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LabelScoresInput Input)> Generate(CaseRandom random)
    {
        for (int i = 0; i < 2; i++)
        {
            yield return ("random scores of a label", Random(random, random.Between(15, 40), 0.35, quantized: false));
        }

        yield return ("many tied scores (rounded to tenths)", Random(random, random.Between(20, 40), 0.4, quantized: true));
        yield return ("a rare label", Random(random, random.Between(20, 40), 0.08, quantized: true));
        var tie = new float[] { 1, 1, 0, 0, 0, 0, 1, 1, 0, 0 };   // F1 2/3 after 2 images and again after 8
        float top = (float)random.Uniform(0.9, 1);
        yield return ("two thresholds with the same best F1", new([.. Enumerable.Range(0, tie.Length).Select(i => top - (0.08f * i))], tie));
        var all = Random(random, random.Between(5, 12), 1.0, quantized: false);
        yield return ("every image has the label", all);
        int n = random.Between(8, 20);
        var targets = Enumerable.Range(0, n).Select(i => i < n / 2 ? 1f : 0f).ToArray();
        yield return ("scores that separate the label perfectly", new([.. targets.Select(t => (float)(t == 1 ? random.Uniform(0.6, 1) : random.Uniform(0, 0.4)))], targets));
    }

    /// <inheritdoc />
    protected override NumberObservation Run(Func<float[], float[], double> answer, LabelScoresInput input) =>
        new(answer([.. input.Scores], [.. input.Targets]));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LabelScoresInput> testCase, NumberObservation learner, NumberObservation reference)
    {
        if (Close(learner.Value, reference.Value))
        {
            return null;
        }

        var (scores, targets) = (testCase.Input.Scores, testCase.Input.Targets);
        double bestF1 = F1At(scores, targets, reference.Value);
        if (Close(learner.Value, bestF1))
        {
            return "You returned the best F1 itself: return the threshold that reaches it.";
        }

        if (!double.IsFinite(learner.Value) || learner.Value < 0 || learner.Value > 1)
        {
            return $"Your threshold is {Judging.Format(learner.Value)}: a probability threshold lies in [0, 1].";
        }

        if (scores.Any(s => Close(learner.Value, s)) && !Close(learner.Value, reference.Value))
        {
            double yoursF1 = F1At(scores, targets, learner.Value);
            return Close(yoursF1, bestF1)
                ? "Your threshold is one of the scores itself: put it halfway between the best candidate and the next lower score, so that it sits in the gap between them."
                : "Your threshold is one of the scores itself, and predicting score >= it does not reach the best F1: did you compare with > instead of >=, or skip the midpoint?";
        }

        if (scores.All(s => (s >= learner.Value) == (s >= reference.Value)))
        {
            return "Your threshold predicts the best set of images, but it is not the convention's value: return the midpoint between the lowest predicted score and the next lower score.";
        }

        double f1 = F1At(scores, targets, learner.Value);
        return Close(f1, bestF1)
            ? "Your threshold reaches the best F1, but another threshold reaches it too: the convention keeps the highest candidate among equals, and returns the midpoint below it."
            : $"Predicting score >= your threshold gives F1 {Judging.Format(f1)} on this label, and a threshold with a higher F1 exists.{(HasTies(scores) ? " (This case has tied scores: images with the same score are predicted together.)" : string.Empty)}";
    }

    private static LabelScoresInput Random(CaseRandom random, int n, double p, bool quantized)
    {
        var targets = Enumerable.Range(0, n).Select(_ => random.Chance(p) ? 1f : 0f).ToArray();
        targets[random.Between(0, n - 1)] = 1;   // at least one positive
        var scores = targets.Select(t => Math.Clamp((t * 0.3) + random.Uniform(0, 0.7), 0, 1)).Select(s => (float)(quantized ? Math.Round(s, 1) : s)).ToArray();
        return new(scores, targets);
    }

    private static double F1At(float[] scores, float[] targets, double threshold)
    {
        double tp = 0, predicted = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] >= threshold)
            {
                predicted++;
                tp += targets[i];
            }
        }

        return Lesson08.F1(tp, predicted - tp, targets.Sum() - tp);
    }

    private static bool HasTies(float[] scores) => scores.Distinct().Count() < scores.Length;

    private static bool Close(double learner, double reference) => Judging.Close(learner, reference, 1e-7, 1e-9);
}
