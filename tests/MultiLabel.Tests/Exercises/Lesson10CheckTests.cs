using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;
using TorchSharp;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 10 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson10CheckTests
{
    [Fact]
    public void DigitsTarget_passes_the_model_answer_and_rejects_class_indices_one_hot_counts_wrong_length_and_int64()
    {
        var check = Lesson10.DigitsTarget;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate(d => torch.tensor(d.Select(x => (long)x).ToArray())), "the digits themselves");
        Rejected(check.Evaluate(d =>
        {
            var t = new float[10];
            if (d.Length > 0)
            {
                t[d[0]] = 1;
            }

            return torch.tensor(t);
        }), "one-hot");
        Rejected(check.Evaluate(d =>
        {
            var t = new float[10];
            foreach (var x in d)
            {
                t[x] += 1;
            }

            return torch.tensor(t);
        }), "you counted the digits");
        Rejected(check.Evaluate(d =>
        {
            var t = new float[9];
            foreach (var x in d.Where(x => x < 9))
            {
                t[x] = 1;
            }

            return torch.tensor(t);
        }), "one per digit class");
        Rejected(check.Evaluate(d =>
        {
            var t = new long[10];
            foreach (var x in d)
            {
                t[x] = 1;
            }

            return torch.tensor(t);
        }), "Float32");
    }

    [Fact]
    public void PerLabelAccuracy_passes_the_model_answer_and_rejects_exact_match_hamming_per_image_recall_and_byte_counts()
    {
        var check = Lesson10.PerLabelAccuracy;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Assert.Equal(CheckStatus.Passed, check.Evaluate((p, t) => 1 - (p - t).abs().mean(new long[] { 0 })).Status);
        Rejected(check.Evaluate((p, t) => p.eq(t).all(1).to(ScalarType.Float32).mean()), "exact match");
        Rejected(check.Evaluate((p, t) => p.eq(t).all(1).to(ScalarType.Float32)), "exact match per sample");
        Rejected(check.Evaluate((p, t) => p.eq(t).to(ScalarType.Float32).mean()), "Hamming accuracy");
        Rejected(check.Evaluate((p, t) => p.eq(t).to(ScalarType.Float32).mean(new long[] { 1 })), "averaged along the labels");
        Rejected(check.Evaluate((p, t) => (p * t).sum(0, false, ScalarType.Float32) / t.sum(0, false, ScalarType.Float32)), "recall");
        Rejected(check.Evaluate((p, t) => p.eq(t).sum(0)), "the sum(0) trap");
        Rejected(check.Evaluate((p, t) => p.eq(t).sum(0, false, ScalarType.Float32)), "divide by the number of images");
    }

    [Fact]
    public void Predict_passes_the_model_answer_and_rejects_train_mode_gradients_no_sigmoid_strict_comparison_one_threshold_and_booleans()
    {
        var check = Lesson10.Predict;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((m, x, t) =>
        {
            using var noGrad = torch.no_grad();
            return torch.sigmoid(m.call(x)).ge(torch.tensor(t)).to(ScalarType.Float32);
        }), "call model.eval()");
        Rejected(check.Evaluate((m, x, t) =>
        {
            m.eval();
            return torch.sigmoid(m.call(x)).ge(torch.tensor(t)).to(ScalarType.Float32);
        }), "torch.no_grad()");
        Rejected(check.Evaluate((m, x, t) => Predict(m, x, p => p.logit().ge(torch.tensor(t)))), "raw logits");
        Rejected(check.Evaluate((m, x, t) => Predict(m, x, p => p.gt(torch.tensor(t)))), "probability >= threshold");
        Rejected(check.Evaluate((m, x, t) => Predict(m, x, p => p.ge(0.5))), "one threshold for every label");
        Rejected(check.Evaluate((m, x, t) => Predict(m, x, p => p.ge(t[0]))), "one threshold for every label");
        Rejected(check.Evaluate((m, x, t) =>
        {
            m.eval();
            using var noGrad = torch.no_grad();
            return torch.sigmoid(m.call(x)).ge(torch.tensor(t));
        }), "Float32 0/1");
        Rejected(check.Evaluate((m, x, t) =>
        {
            m.eval();
            using var noGrad = torch.no_grad();
            return torch.sigmoid(m.call(x)).ge(torch.tensor(t)).to(ScalarType.Float32).argmax(1);
        }), "one row per image");
    }

    [Fact]
    public void Predict_tie_case_holds_probabilities_exactly_at_their_thresholds()
    {
        var check = Lesson10.Predict;
        var tie = check.Cases(Exercise.PublicSeed).Single(c => c.Description.Contains("exactly", StringComparison.Ordinal));
        var observed = check.ObserveReference(tie);
        Assert.Null(observed.Error);
        Assert.Contains(observed.Value!.Logits.Values, z => z == 0);
    }

    /// <summary>eval + no_grad + sigmoid, then <paramref name="decide"/> on the probabilities.</summary>
    private static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor images, Func<Tensor, Tensor> decide)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        return decide(torch.sigmoid(model.call(images))).to(ScalarType.Float32);
    }
}
