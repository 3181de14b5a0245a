namespace MultiLabel.Exercises.Lessons;

/// <summary>01.3: the matrix P(j | i) of a target matrix (<c>Func&lt;float[][], double[,]&gt;</c>).</summary>
public sealed class ConditionalCooccurrenceExercise : Exercise<Func<float[][], double[,]>, TargetsInput, MatrixObservation>
{
    internal ConditionalCooccurrenceExercise()
        : base(
            "01.3",
            "P(j | i): how often label j comes with label i",
            2,
            [
                "P(j | i) only looks at the images that carry label i: among them, which share also carries label j?",
                "For row i, count the images with label i, then those with both i and j, and divide. A label that no image carries has no such images: define its row as 0, not NaN.",
            ],
            targets =>
            {
                int labels = targets[0].Length;
                var result = new double[labels, labels];
                for (int i = 0; i < labels; i++)
                {
                    var withI = targets.Where(t => t[i] == 1f).ToList();
                    for (int j = 0; j < labels; j++)
                    {
                        result[i, j] = withI.Count == 0 ? 0 : withI.Count(t => t[j] == 1f) / (double)withI.Count;
                    }
                }

                return result;
            })
    {
    }

    /// <inheritdoc />
    protected override TargetsInput Example => new([[1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 1, 1], [0, 0, 0]]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetsInput Input)> Generate(CaseRandom random)
    {
        yield return ("random targets, as many images as labels differ", new TargetsInput(Lesson01.RandomTargets(random, 0.4)));
        var absent = Lesson01.RandomTargets(random, 0.4);
        int missing = random.Between(0, absent[0].Length - 1);
        foreach (var row in absent)
        {
            row[missing] = 0;
        }

        yield return ("a label that no image carries", new TargetsInput(absent));
        var everywhere = Lesson01.RandomTargets(random, 0.3);
        int common = random.Between(0, everywhere[0].Length - 1);
        foreach (var row in everywhere)
        {
            row[common] = 1;
        }

        yield return ("a label that every image carries", new TargetsInput(everywhere));
        yield return ("a single image", new TargetsInput(random.Targets(1, random.Between(2, 6), 0.5)));
    }

    /// <inheritdoc />
    protected override MatrixObservation Run(Func<float[][], double[,]> answer, TargetsInput input) =>
        MatrixObservation.From(answer(Lesson01.Copy(input.Targets)) ?? throw new ImproperAnswerException("You returned null: return a labels x labels matrix."));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetsInput> testCase, MatrixObservation learner, MatrixObservation reference)
    {
        int labels = reference.Rows.Length;
        if (learner.Rows.Length != labels || learner.Rows.Any(r => r.Length != labels))
        {
            return $"Your matrix is {learner.Rows.Length} x {(learner.Rows.Length == 0 ? 0 : learner.Rows[0].Length)}: it needs one row and one column per label (not per image).";
        }

        double[] flatLearner = [.. learner.Rows.SelectMany(r => r)];
        double[] flatReference = [.. reference.Rows.SelectMany(r => r)];
        if (Judging.AllClose(flatLearner, flatReference, 1e-6, 1e-9))
        {
            return null;
        }

        if (flatLearner.Any(double.IsNaN))
        {
            return "Your matrix holds NaN: the row of a label that no image carries divides by 0. Define that row as 0.";
        }

        var targets = testCase.Input.Targets;
        double[] counts = [.. Enumerable.Range(0, labels * labels).Select(k => (double)targets.Count(t => t[k / labels] == 1 && t[k % labels] == 1))];
        if (Judging.AllClose(flatLearner, counts, 1e-6, 1e-9))
        {
            return "These are counts of images with both labels (they follow the labels' frequencies): divide each row by the number of images with the row's label.";
        }

        if (Judging.AllClose(flatLearner, [.. counts.Select(c => c / targets.Length)], 1e-6, 1e-9))
        {
            return "You divided by the number of images: that is P(i and j). P(j | i) divides by the number of images with label i.";
        }

        var transposed = Enumerable.Range(0, labels * labels).Select(k => reference.Rows[k % labels][k / labels]).ToArray();
        if (Judging.AllClose(flatLearner, transposed, 1e-6, 1e-9))
        {
            return "Your matrix is transposed: entry [i, j] conditions on the row's label i, so divide by the number of images with label i.";
        }

        int wrong = Enumerable.Range(0, flatLearner.Length).First(k => !Judging.Close(flatLearner[k], flatReference[k], 1e-6, 1e-9));
        return $"Entry [{wrong / labels}, {wrong % labels}] is not right (yours: {Judging.Format(flatLearner[wrong])}).";
    }
}
