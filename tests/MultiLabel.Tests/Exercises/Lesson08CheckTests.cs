using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Metrics;
using MultiLabel.Tests.Support;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 08 are rejected, each with the message that names its mistake; the model answers agree with the library.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson08CheckTests
{
    [Fact]
    public void MicroMacroF1_passes_the_model_answer_and_rejects_swapped_samples_dropped_labels_arithmetic_means_and_integer_division()
    {
        var check = Lesson08.MicroMacroF1;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((t, p) => Swap(F1s(t, p))), "swapped");
        Rejected(check.Evaluate((t, p) => (F1s(t, p).Macro, F1s(t, p).Macro)), "that is the macro average");
        Rejected(check.Evaluate((t, p) => (F1s(t, p).Micro, F1s(t, p).Micro)), "that is the micro average");
        Rejected(check.Evaluate((t, p) => (Samples(t, p), F1s(t, p).Macro)), "'samples' average");
        Rejected(check.Evaluate((t, p) => (F1s(t, p).Micro, F1s(t, p, dropAbsent: true).Macro)), "left out the labels that no image carries");
        Rejected(check.Evaluate((t, p) => (F1s(t, p).Micro, F1s(t, p, dropUndefined: true).Macro)), "F1 is 0 / 0");
        Rejected(check.Evaluate((t, p) => F1s(t, p, f1: (tp, fp, fn) => (P(tp, fp) + R(tp, fn)) / 2)), "arithmetic mean of precision and recall");
        Rejected(check.Evaluate((t, p) => (F1s(t, p).Micro, MacroOfMeans(t, p))), "F1 of the averaged precision and recall");
        Rejected(check.Evaluate((t, p) => F1s(t, p, f1: (tp, fp, fn) => 2 * tp + fp + fn == 0 ? 0 : (int)(2 * tp) / (int)(2 * tp + fp + fn))), "integer division");
    }

    [Fact]
    public void MicroMacroF1_model_answer_equals_the_library_on_the_example()
    {
        var (micro, macro) = Lesson08.MicroMacroF1.ModelAnswer(Lesson08.ExampleTargets, Lesson08.ExamplePredictions);
        var result = Library(Lesson08.ExampleTargets, Lesson08.ExampleScores, 0.5);
        Assert.Equal(result.F1Micro, micro, 12);
        Assert.Equal(result.F1Macro, macro, 12);
        Assert.Equal(0.8, micro, 12);
        Assert.Equal(0.6, macro, 12);
    }

    [Fact]
    public void HammingLoss_passes_the_model_answer_and_rejects_accuracy_images_strict_threshold_positives_only_subset_and_raw_scores()
    {
        var check = Lesson08.HammingLoss;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((t, s, th) => 1 - check.ModelAnswer(t, s, th)), "Hamming accuracy");
        Rejected(check.Evaluate((t, s, th) => check.ModelAnswer(t, s, th) * t[0].Length), "divided by the number of images");
        Rejected(check.Evaluate((t, s, th) => Cells(t, s, (target, score) => (score > th ? 1 : 0) != target)), "score >= threshold");
        Rejected(check.Evaluate((t, s, th) => Cells(t, s, (target, score) => target == 1 && score < th)), "only one kind of mistake");
        Rejected(check.Evaluate((t, s, th) => Cells(t, s, (target, score) => target == 0 && score >= th)), "only one kind of mistake");
        Rejected(check.Evaluate((t, s, th) => t.Zip(s).Count(p => p.First.Zip(p.Second).Any(c => (c.Second >= th ? 1 : 0) != c.First)) / (double)t.Length), "1 - subset accuracy");
        Rejected(check.Evaluate((t, s, th) => t.Zip(s).Sum(p => p.First.Zip(p.Second).Sum(c => Math.Abs(c.First - c.Second))) / (t.Length * t[0].Length)), "|score - target|");
    }

    [Fact]
    public void HammingLoss_model_answer_equals_the_library_on_the_example()
    {
        Assert.Equal(Library(Lesson08.ExampleTargets, Lesson08.ExampleScores, 0.5).HammingLoss, Lesson08.HammingLoss.ModelAnswer(Lesson08.ExampleTargets, Lesson08.ExampleScores, 0.5), 12);
    }

    [Fact]
    public void BestThreshold_passes_the_model_answer_and_rejects_the_f1_the_score_itself_a_strict_comparison_the_lower_tie_and_ignored_ties()
    {
        var check = Lesson08.BestThreshold;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((s, t) => Best(s, t).F1), "returned the best F1 itself");
        Rejected(check.Evaluate((s, t) => Best(s, t).Score), "one of the scores itself: put it halfway");
        Rejected(check.Evaluate((s, t) => Best(s, t, strict: true).Threshold), "score >= it does not reach the best F1");
        Rejected(check.Evaluate((s, t) => Best(s, t, lowerTie: true).Threshold), "keeps the highest candidate among equals");
        Rejected(check.Evaluate((s, t) => Best(s, t, ignoreTies: true).Threshold), "tied scores");
        Rejected(check.Evaluate((s, t) => 0.05), "a threshold with a higher F1 exists");
        Rejected(check.Evaluate((s, t) => Best(s, t).Threshold - 1e-3), "not the convention's value");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BestThreshold_model_answer_equals_ThresholdTuning_on_random_labels(int seed)
    {
        var random = new CaseRandom(seed, "08.3-library");
        int n = random.Between(30, 200), labels = 5;
        var targets = random.Targets(n, labels, 0.3);
        var scores = targets.Select(r => r.Select(v => (float)Math.Round(Math.Clamp((v * 0.3) + random.Uniform(0, 0.7), 0, 1), seed == 3 ? 2 : 6)).ToArray()).ToArray();
        for (int l = 0; l < labels; l++)
        {
            targets[l][l] = 1; // every label has a positive
        }

        using var scope = NewDisposeScope();
        var tuned = ThresholdTuning.Tune(tensor(targets.SelectMany(r => r).ToArray(), [n, labels]), tensor(scores.SelectMany(r => r).ToArray(), [n, labels]), [.. Enumerable.Range(0, labels).Select(l => $"l{l}")]);
        for (int l = 0; l < labels; l++)
        {
            var column = Enumerable.Range(0, n).Select(i => scores[i][l]).ToArray();
            var truth = Enumerable.Range(0, n).Select(i => targets[i][l]).ToArray();
            Assert.Equal(tuned.PerLabel[l].Threshold, Lesson08.BestThreshold.ModelAnswer(column, truth), 12);
        }
    }

    [Fact]
    public void BestThreshold_model_answer_and_ThresholdTuning_keep_the_higher_of_two_thresholds_with_equal_F1()
    {
        var targets = new float[] { 1, 1, 0, 0, 0, 0, 1, 1, 0, 0 };
        var scores = Enumerable.Range(0, targets.Length).Select(i => 0.95f - (0.08f * i)).ToArray();
        using var scope = NewDisposeScope();
        var tuned = ThresholdTuning.Tune(tensor(targets, [targets.Length, 1]), tensor(scores, [targets.Length, 1]), ["only"]);
        double answer = Lesson08.BestThreshold.ModelAnswer(scores, targets);
        Assert.Equal(tuned.PerLabel[0].Threshold, answer, 12);
        Assert.True(answer > scores[2] && answer < scores[1], $"threshold {answer}");
    }

    private static EvaluationResult Library(float[][] targets, float[][] scores, double threshold)
    {
        using var scope = NewDisposeScope();
        int n = targets.Length, labels = targets[0].Length;
        return MultiLabelMetrics.Evaluate(tensor(targets.SelectMany(r => r).ToArray(), [n, labels]), tensor(scores.SelectMany(r => r).ToArray(), [n, labels]),
            [.. Enumerable.Range(0, labels).Select(l => $"l{l}")], Thresholds.Global(threshold));
    }

    private static (double, double) Swap((double Micro, double Macro) pair) => (pair.Macro, pair.Micro);

    private static double P(double tp, double fp) => tp + fp == 0 ? 0 : tp / (tp + fp);

    private static double R(double tp, double fn) => tp + fn == 0 ? 0 : tp / (tp + fn);

    private static (double[] Tp, double[] Fp, double[] Fn) Counts(float[][] t, float[][] p)
    {
        int labels = t[0].Length;
        var (tp, fp, fn) = (new double[labels], new double[labels], new double[labels]);
        for (int i = 0; i < t.Length; i++)
        {
            for (int j = 0; j < labels; j++)
            {
                tp[j] += t[i][j] == 1 && p[i][j] == 1 ? 1 : 0;
                fp[j] += t[i][j] == 0 && p[i][j] == 1 ? 1 : 0;
                fn[j] += t[i][j] == 1 && p[i][j] == 0 ? 1 : 0;
            }
        }

        return (tp, fp, fn);
    }

    private static (double Micro, double Macro) F1s(float[][] t, float[][] p, Func<double, double, double, double>? f1 = null, bool dropAbsent = false, bool dropUndefined = false)
    {
        f1 ??= (tp, fp, fn) => 2 * tp + fp + fn == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
        var (tp, fp, fn) = Counts(t, p);
        var kept = Enumerable.Range(0, tp.Length).Where(j => (!dropAbsent || tp[j] + fn[j] > 0) && (!dropUndefined || 2 * tp[j] + fp[j] + fn[j] > 0)).ToList();
        return (f1(tp.Sum(), fp.Sum(), fn.Sum()), kept.Count == 0 ? 0 : kept.Average(j => f1(tp[j], fp[j], fn[j])));
    }

    private static double MacroOfMeans(float[][] t, float[][] p)
    {
        var (tp, fp, fn) = Counts(t, p);
        double precision = Enumerable.Range(0, tp.Length).Average(j => P(tp[j], fp[j])), recall = Enumerable.Range(0, tp.Length).Average(j => R(tp[j], fn[j]));
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static double Samples(float[][] t, float[][] p) => t.Zip(p).Average(row => F1s([row.First], [row.Second]).Micro);

    private static double Cells(float[][] t, float[][] s, Func<float, float, bool> wrong) =>
        t.Zip(s).Sum(p => p.First.Zip(p.Second).Count(c => wrong(c.First, c.Second))) / (double)(t.Length * t[0].Length);

    /// <summary>The best threshold with variations of the convention: the F1, the score of the best run, a strict comparison, the lower of tied F1s, every item as its own candidate.</summary>
    private static (double Threshold, double F1, double Score) Best(float[] scores, float[] targets, bool strict = false, bool lowerTie = false, bool ignoreTies = false)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        double positives = targets.Sum(), tp = 0, bestF1 = -1;
        int bestCount = 0;
        for (int k = 0; k < order.Length; k++)
        {
            tp += targets[order[k]];
            bool end = ignoreTies || k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            double f1 = 2 * tp / (k + 1 + positives);
            if (end && (lowerTie ? f1 >= bestF1 : f1 > bestF1))
            {
                (bestF1, bestCount) = (f1, k + 1);
            }
        }

        double score = scores[order[bestCount - 1]];
        if (strict)
        {
            // "predict score > candidate": the candidate that predicts the best set is the next lower score itself
            return (bestCount == order.Length ? 0 : scores[order[bestCount]], bestF1, score);
        }

        return (bestCount == order.Length ? 0 : (score + scores[order[bestCount]]) / 2, bestF1, score);
    }
}
