namespace MultiLabel.Exercises.Lessons;

/// <summary>What an answer to 08.1 returned: its micro- and macro-averaged F1.</summary>
/// <param name="Micro">The micro-averaged F1.</param>
/// <param name="Macro">The macro-averaged F1.</param>
public sealed record F1PairObservation(double Micro, double Macro);

/// <summary>
/// 08.1: micro- and macro-averaged F1 of 0/1 predictions against 0/1 targets
/// (<c>Func&lt;float[][], float[][], (double Micro, double Macro)&gt;</c>), with scikit-learn's convention that a label
/// whose F1 is 0 / 0 (never present, never predicted) counts 0 in the macro average.
/// </summary>
public sealed class MicroMacroF1Exercise : Exercise<Func<float[][], float[][], (double Micro, double Macro)>, TargetsAndPredictionsInput, F1PairObservation>
{
    internal MicroMacroF1Exercise()
        : base(
            "08.1",
            "Micro- and macro-averaged F1",
            2,
            [
                "Both averages start from the same three counts per label (columns): true positives, false positives and false negatives. One average pools the counts first, the other computes one F1 per label first.",
                "F1 = 2 tp / (2 tp + fp + fn). Micro: add up tp, fp and fn over all labels, then one F1. Macro: one F1 per label, then the plain mean over all labels, a label with nothing to count included (its F1 is 0).",
            ],
            (targets, predictions) =>
            {
                int labels = targets[0].Length;
                var (tp, fp, fn) = (new double[labels], new double[labels], new double[labels]);
                for (int i = 0; i < targets.Length; i++)
                {
                    for (int j = 0; j < labels; j++)
                    {
                        bool predicted = predictions[i][j] == 1, present = targets[i][j] == 1;
                        tp[j] += predicted && present ? 1 : 0;
                        fp[j] += predicted && !present ? 1 : 0;
                        fn[j] += !predicted && present ? 1 : 0;
                    }
                }

                double F1(double t, double p, double n) => 2 * t + p + n == 0 ? 0 : 2 * t / (2 * t + p + n);
                double micro = F1(tp.Sum(), fp.Sum(), fn.Sum());
                double macro = Enumerable.Range(0, labels).Average(j => F1(tp[j], fp[j], fn[j]));
                return (micro, macro);
            })
    {
    }

    /// <inheritdoc />
    protected override TargetsAndPredictionsInput Example => new(Lesson08.ExampleTargets, Lesson08.ExamplePredictions);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TargetsAndPredictionsInput Input)> Generate(CaseRandom random)
    {
        for (int i = 0; i < 2; i++)
        {
            var targets = Lesson01.RandomTargets(random);
            yield return ("random predictions", new(targets, Lesson08.Noisy(random, targets, 0.25)));
        }

        // A frequent label predicted well and a rare one missed: the two averages disagree.
        int images = random.Between(20, 40);
        var skewed = Enumerable.Range(0, images).Select(i => new float[] { random.Chance(0.8) ? 1 : 0, i < 2 ? 1 : 0, random.Chance(0.5) ? 1 : 0 }).ToArray();
        var skewedPredictions = skewed.Select(t => new float[] { t[0], 0, random.Chance(0.1) ? 1 - t[2] : t[2] }).ToArray();
        yield return ("a rare label the model never finds", new(skewed, skewedPredictions));

        var falseAlarms = Lesson01.RandomTargets(random);
        int alarmed = random.Between(0, falseAlarms[0].Length - 1);
        foreach (var row in falseAlarms)
        {
            row[alarmed] = 0;
        }

        var alarmPredictions = Lesson08.Noisy(random, falseAlarms, 0.2);
        alarmPredictions[0][alarmed] = 1;
        yield return ("a label that no image carries but the model predicts", new(falseAlarms, alarmPredictions));

        var absent = Lesson01.RandomTargets(random);
        int column = random.Between(0, absent[0].Length - 1);
        foreach (var row in absent)
        {
            row[column] = 0;
        }

        var absentPredictions = Lesson08.Noisy(random, absent, 0.2);
        foreach (var row in absentPredictions)
        {
            row[column] = 0;
        }

        yield return ("a label that no image carries and nothing predicts", new(absent, absentPredictions));
        var perfect = Lesson01.RandomTargets(random);
        yield return ("perfect predictions", new(perfect, Lesson08.Copy(perfect)));
        var nothing = Lesson01.RandomTargets(random);
        yield return ("a model that predicts nothing", new(nothing, [.. nothing.Select(t => new float[t.Length])]));
    }

    /// <inheritdoc />
    protected override F1PairObservation Run(Func<float[][], float[][], (double Micro, double Macro)> answer, TargetsAndPredictionsInput input)
    {
        var (micro, macro) = answer(Lesson08.Copy(input.Targets), Lesson08.Copy(input.Predictions));
        return new F1PairObservation(micro, macro);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TargetsAndPredictionsInput> testCase, F1PairObservation learner, F1PairObservation reference)
    {
        bool microRight = Close(learner.Micro, reference.Micro), macroRight = Close(learner.Macro, reference.Macro);
        if (microRight && macroRight)
        {
            return null;
        }

        var (targets, predictions) = (testCase.Input.Targets, testCase.Input.Predictions);
        if (!Close(reference.Micro, reference.Macro) && Close(learner.Micro, reference.Macro) && Close(learner.Macro, reference.Micro))
        {
            return "Your two numbers are swapped: micro pools the counts of all labels before one F1, macro averages the per-label F1s.";
        }

        var (tp, fp, fn) = Lesson08.Counts(targets, predictions);
        int labels = tp.Length;
        double samples = SamplesF1(targets, predictions);
        if (!microRight)
        {
            return Diagnose(learner.Micro, reference, tp, fp, fn, samples, "micro")
                ?? $"Your micro-F1 is {Judging.Format(learner.Micro)}, which is not F1 of the counts pooled over all labels.";
        }

        var withF1 = Enumerable.Range(0, labels).Where(j => (2 * tp[j]) + fp[j] + fn[j] > 0).ToList();
        if (withF1.Count < labels && withF1.Count > 0 && Close(learner.Macro, withF1.Average(j => Lesson08.F1(tp[j], fp[j], fn[j]))))
        {
            return "You left out the labels whose F1 is 0 / 0 (never present, never predicted): the library, like scikit-learn, counts them as 0 in the macro average.";
        }

        var present = Enumerable.Range(0, labels).Where(j => tp[j] + fn[j] > 0).ToList();
        if (present.Count < labels && present.Count > 0 && Close(learner.Macro, present.Average(j => Lesson08.F1(tp[j], fp[j], fn[j]))))
        {
            return "You left out the labels that no image carries: macro averages over all labels, and a label without any positive image counts F1 0 (scikit-learn's convention, and the library's).";
        }

        return Diagnose(learner.Macro, reference, tp, fp, fn, samples, "macro")
            ?? $"Your macro-F1 is {Judging.Format(learner.Macro)}, which is not the mean of the per-label F1 scores.";
    }

    private static string? Diagnose(double value, F1PairObservation reference, double[] tp, double[] fp, double[] fn, double samples, string which)
    {
        int labels = tp.Length;
        static double Precision(double t, double p) => t + p == 0 ? 0 : t / (t + p);
        static double Recall(double t, double n) => t + n == 0 ? 0 : t / (t + n);
        if (which == "micro" && !Close(reference.Micro, reference.Macro) && Close(value, reference.Macro))
        {
            return "Your micro-F1 is the mean of the per-label F1 scores: that is the macro average. Micro adds up tp, fp and fn over all labels first.";
        }

        if (which == "macro" && !Close(reference.Micro, reference.Macro) && Close(value, reference.Micro))
        {
            return "Your macro-F1 pools the counts of all labels: that is the micro average. Macro computes one F1 per label, then their mean.";
        }

        if (!Close(samples, which == "micro" ? reference.Micro : reference.Macro) && Close(value, samples))
        {
            return $"Your {which}-F1 is computed per image (row) and averaged over images: that is the 'samples' average. Count per label (column).";
        }

        var (sumTp, sumFp, sumFn) = (tp.Sum(), fp.Sum(), fn.Sum());
        double arithmetic = which == "micro"
            ? (Precision(sumTp, sumFp) + Recall(sumTp, sumFn)) / 2
            : Enumerable.Range(0, labels).Average(j => (Precision(tp[j], fp[j]) + Recall(tp[j], fn[j])) / 2);
        if (Close(value, arithmetic))
        {
            return $"Your {which}-F1 is the arithmetic mean of precision and recall: F1 is their harmonic mean, 2 P R / (P + R) = 2 tp / (2 tp + fp + fn).";
        }

        if (which == "macro")
        {
            double p = Enumerable.Range(0, labels).Average(j => Precision(tp[j], fp[j]));
            double r = Enumerable.Range(0, labels).Average(j => Recall(tp[j], fn[j]));
            if (Close(value, p + r == 0 ? 0 : 2 * p * r / (p + r)))
            {
                return "Your macro-F1 is the F1 of the averaged precision and recall: average the per-label F1 scores themselves.";
            }
        }

        double integer = which == "micro"
            ? IntegerF1(sumTp, sumFp, sumFn)
            : Enumerable.Range(0, labels).Average(j => IntegerF1(tp[j], fp[j], fn[j]));
        return value == Math.Floor(value) || Close(value, integer)
            ? $"Your {which}-F1 is {Judging.Format(value)}: was it an integer division? Divide as double."
            : null;
    }

    private static double IntegerF1(double tp, double fp, double fn)
    {
        long denominator = (long)((2 * tp) + fp + fn);
        return denominator == 0 ? 0 : (long)(2 * tp) / denominator;
    }

    private static double SamplesF1(float[][] targets, float[][] predictions) =>
        targets.Zip(predictions).Average(p =>
        {
            var (tp, fp, fn) = Lesson08.Counts([p.First], [p.Second]);
            return Lesson08.F1(tp.Sum(), fp.Sum(), fn.Sum());
        });

    private static bool Close(double learner, double reference) => Judging.Close(learner, reference, 1e-6, 1e-9);
}
