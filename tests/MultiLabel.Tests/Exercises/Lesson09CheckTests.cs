using MultiLabel.Data;
using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Losses;
using MultiLabel.Tests.Support;
using TorchSharp;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 09 are rejected, each with the message that names its mistake; the model answers agree with the library.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson09CheckTests
{
    private static readonly float[][] Targets = [[1, 0, 1, 0], [1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 1, 0], [1, 0, 0, 0]];

    [Fact]
    public void Model_answers_pass()
    {
        foreach (var exercise in Lesson09.All)
        {
            var result = exercise.Evaluate(ModelAnswer(exercise));
            Assert.True(result.Status == CheckStatus.Passed, $"{exercise.Id}: {result.Message}");
        }
    }

    [Fact]
    public void PosWeight_model_answer_is_the_library_s_positive_weights()
    {
        using var targets = tensor(Targets.SelectMany(r => r).ToArray(), [Targets.Length, Targets[0].Length]);
        var mine = Lesson09.PosWeight.ModelAnswer(targets).data<float>().ToArray();
        var positives = Enumerable.Range(0, 4).Select(l => (long)Targets.Count(r => r[l] > 0)).ToArray();
        Assert.Equal(PositiveWeights.FromCounts(positives, Targets.Length), mine);
        Assert.Equal(50f, mine[3]); // a label with no positives gets the cap
    }

    [Fact]
    public void PosWeight_rejects_upside_down_weights_counts_over_labels_no_guard_the_byte_trap_and_all_images_over_positives()
    {
        var check = Lesson09.PosWeight;
        Rejected(check.Evaluate(t => { var p = t.sum(dim: 0); return (p / (t.shape[0] - p)).clamp(1 / 50.0, 50); }), "upside down");
        Rejected(check.Evaluate(t => { var p = t.sum(dim: 1); return ((t.shape[1] - p) / p).clamp(1 / 50.0, 50); }), "one value per image");
        Rejected(check.Evaluate(t => { var p = t.sum(dim: 0); return (t.shape[0] - p) / p; }), "infinite or NaN");
        Rejected(check.Evaluate(t => { var p = t.sum(dim: 0); return ((t.shape[0] - p) / p).clamp_max(50); }), "except at the bounds");
        Rejected(check.Evaluate(t => { var p = t.sum(0); return (t.shape[0] - p) / p; }), "a single number");
        Rejected(check.Evaluate(t => { var p = t.sum(dim: 0); return (t.shape[0] / p).clamp(1 / 50.0, 50); }), "divided all images by the positives");
    }

    [Theory]
    [InlineData(2.0, 0.25)]
    [InlineData(0.0, 0.5)]
    [InlineData(3.5, 0.8)]
    public void FocalLoss_model_answer_agrees_with_the_library_even_for_large_logits(double gamma, double alpha)
    {
        double[] logits = [-100, -40, -3, -0.5, 0, 0.7, 2, 40, 100];
        using var loss = new FocalLoss(gamma, alpha);
        foreach (var target in new[] { 0.0, 1.0 })
        {
            foreach (var x in logits)
            {
                using var scope = NewDisposeScope();
                var library = loss.call(tensor(new[] { x }).reshape(1, 1), tensor(new[] { target }).reshape(1, 1)).item<double>();
                var mine = Lesson09.FocalLoss.ModelAnswer(x, target, gamma, alpha);
                Assert.True(Math.Abs(mine - library) <= 1e-9 + (1e-9 * Math.Abs(library)), $"x {x}, y {target}: mine {mine}, library {library}");
            }
        }
    }

    [Fact]
    public void FocalLoss_rejects_unweighted_negatives_alpha_on_both_swapped_alpha_gamma_on_p_no_gamma_and_a_naive_log()
    {
        var check = Lesson09.FocalLoss;
        static double P(double x) => 1 / (1 + Math.Exp(-x));
        static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));
        static double Bce(double x, double y) => y > 0.5 ? -LogSigmoid(x) : -LogSigmoid(-x);
        Rejected(check.Evaluate((x, y, g, a) => (y > 0.5 ? a * Math.Pow(1 - P(x), g) : Math.Pow(P(x), g)) * Bce(x, y)), "negatives (target 0) are not weighted");
        Rejected(check.Evaluate((x, y, g, a) => a * (y > 0.5 ? Math.Pow(1 - P(x), g) : Math.Pow(P(x), g)) * Bce(x, y)), "weighted by alpha");
        Rejected(check.Evaluate((x, y, g, a) => (y > 0.5 ? (1 - a) * Math.Pow(1 - P(x), g) : a * Math.Pow(P(x), g)) * Bce(x, y)), "swapped");
        Rejected(check.Evaluate((x, y, g, a) => (y > 0.5 ? a : 1 - a) * Math.Pow(P(x), g) * Bce(x, y)), "(1 - p_t)^gamma");
        Rejected(check.Evaluate((x, y, g, a) => (y > 0.5 ? a : 1 - a) * Bce(x, y)), "ignores gamma");
        Rejected(check.Evaluate((x, y, g, a) =>
        {
            double p = P(x);
            return -((y * a * Math.Pow(1 - p, g) * Math.Log(p)) + ((1 - y) * (1 - a) * Math.Pow(p, g) * Math.Log(1 - p)));
        }), "computed naively");
        Rejected(check.Evaluate((x, y, g, a) => -(y > 0.5 ? a : 1 - a) * Bce(x, y)), "negative");
    }

    [Fact]
    public void SampleWeights_model_answer_is_the_library_s_sampler()
    {
        using var targets = tensor(Targets.SelectMany(r => r).ToArray(), [Targets.Length, Targets[0].Length]);
        var mine = Lesson09.SampleWeights.ModelAnswer(targets).data<float>().ToArray();
        var library = new WeightedSampler(WeightedSampler.RareLabelWeights(Targets)).Probabilities;
        Assert.Equal(library.Count, mine.Length);
        Assert.All(Enumerable.Range(0, mine.Length), i => Assert.Equal(library[i], mine[i], 1e-6));
    }

    [Fact]
    public void SampleWeights_rejects_a_mean_a_sum_unnormalised_weights_division_by_n_zero_for_unlabelled_images_nan_and_one_value_per_label()
    {
        var check = Lesson09.SampleWeights;
        static Tensor Inverse(Tensor t) => t.shape[0] / t.sum(dim: 0);
        static Tensor Where(Tensor t, Tensor otherwise) => torch.where(t > 0.5, Inverse(t).expand_as(t), otherwise);
        static Tensor RarestWeight(Tensor t) => Where(t, torch.ones_like(t)).max(1).values;
        Rejected(check.Evaluate(t =>
        {
            var labelled = t.sum(dim: 1);
            var mean = Where(t, torch.zeros_like(t)).sum(dim: 1) / labelled.clamp_min(1);
            var w = torch.where(labelled > 0, mean, torch.ones_like(mean));
            return w / w.sum();
        }), "averaged");
        Rejected(check.Evaluate(t =>
        {
            var sum = Where(t, torch.zeros_like(t)).sum(dim: 1);
            var w = torch.where(t.sum(dim: 1) > 0, sum, torch.ones_like(sum));
            return w / w.sum();
        }), "added up");
        Rejected(check.Evaluate(RarestWeight), "Divide the weights by their sum");
        Rejected(check.Evaluate(t => RarestWeight(t) / t.shape[0]), "not by the number of images");
        Rejected(check.Evaluate(t => { var w = RarestWeight(t); return (w / w.sum()) + 0.01f; }), "add up to 1");
        Rejected(check.Evaluate(t => { var w = Where(t, torch.zeros_like(t)).max(1).values; return w / w.sum(); }), "probability 0");
        Rejected(check.Evaluate(t => { var w = (t * Inverse(t)).max(1).values.clamp_min(1); return w / w.sum(); }), "NaN or infinite");
        Rejected(check.Evaluate(t => { var w = Inverse(t).nan_to_num(0, 0, 0); return w / w.sum(); }), "one value per label");
    }
}
