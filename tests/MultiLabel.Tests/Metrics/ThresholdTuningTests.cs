using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class ThresholdTuningTests
{
    [Fact]
    public void The_threshold_lies_halfway_to_the_next_lower_score_and_reproduces_the_best_f1()
    {
        // Label a: positives 0.9, 0.8; negatives 0.3, 0.1 -> best is to predict >= 0.8: threshold (0.8 + 0.3) / 2.
        using var scope = NewDisposeScope();
        var tuned = ThresholdTuning.Tune(
            tensor(new float[] { 1, 1, 0, 0 }, [4, 1]), tensor(new float[] { 0.9f, 0.8f, 0.3f, 0.1f }, [4, 1]), ["a"]);
        Assert.Equal(((double)0.8f + 0.3f) / 2, tuned.PerLabel[0].Threshold, 15);
        Assert.Equal(1.0, tuned.PerLabel[0].F1);
        Assert.True(tuned.PerLabel[0].Tuned);
    }

    [Fact]
    public void Tied_scores_are_predicted_together_and_equal_f1_prefers_the_higher_threshold()
    {
        // Scores 0.9 (pos), 0.6 (pos), 0.6 (neg), 0.2 (neg), 0.2 (pos), 0.2 (neg):
        //   >= 0.9: tp 1, fp 0, P 3 -> F1 2/4 = 0.5;  >= 0.6: tp 2, fp 1 -> 4/6;  >= 0.2: tp 3, fp 3 -> 6/9 = 4/6.
        // 0.6 and 0.2 tie at 2/3: the higher threshold wins, halfway between 0.6 and 0.2.
        using var scope = NewDisposeScope();
        var tuned = ThresholdTuning.Tune(
            tensor(new float[] { 1, 1, 0, 0, 1, 0 }, [6, 1]), tensor(new float[] { 0.9f, 0.6f, 0.6f, 0.2f, 0.2f, 0.2f }, [6, 1]), ["a"]);
        Assert.Equal(2.0 / 3.0, tuned.PerLabel[0].F1, 12);
        Assert.Equal(((double)0.6f + 0.2f) / 2, tuned.PerLabel[0].Threshold, 15);
    }

    [Fact]
    public void When_predicting_everything_is_best_the_threshold_is_zero()
    {
        using var scope = NewDisposeScope();
        var tuned = ThresholdTuning.Tune(tensor(new float[] { 1, 1, 1 }, [3, 1]), tensor(new float[] { 0.9f, 0.5f, 0.1f }, [3, 1]), ["a"]);
        Assert.Equal(0.0, tuned.PerLabel[0].Threshold);
        Assert.Equal(1.0, tuned.PerLabel[0].F1);
    }

    [Fact]
    public void A_label_without_positives_keeps_the_global_threshold_and_is_marked_untuned()
    {
        using var scope = NewDisposeScope();
        var targets = tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0 }, [4, 2]);
        var scores = tensor(new float[] { 0.9f, 0.8f, 0.2f, 0.1f, 0.7f, 0.95f, 0.4f, 0.3f }, [4, 2]);
        var tuned = ThresholdTuning.Tune(targets, scores, ["yes", "never"]);
        Assert.True(tuned.PerLabel[0].Tuned);
        Assert.False(tuned.PerLabel[1].Tuned);
        Assert.Equal(tuned.Global, tuned.PerLabel[1].Threshold);
        Assert.Equal(0.0, tuned.PerLabel[1].F1);
        Assert.Equal(tuned.GlobalF1Micro, MultiLabelMetrics.Evaluate(targets, scores, ["yes", "never"], tuned.ToGlobal()).F1.Micro, 12);
    }

    [Fact]
    public void Logit_scores_give_probability_thresholds()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 2, 1, -1, -2 }, [4, 1]);
        var tuned = ThresholdTuning.Tune(tensor(new float[] { 1, 1, 0, 0 }, [4, 1]), logits, ["a"], ScoreKind.Logits);
        Assert.Equal(0.5, tuned.PerLabel[0].Threshold, 12); // sigmoid of the logit midpoint 0
    }
}
