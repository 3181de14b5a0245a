using MultiLabel.Data;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class MultiLabelMetricsTests
{
    [Fact]
    public void Hand_computed_example()
    {
        // 4 samples x 3 labels. Predictions at threshold 0.5:
        //   truth      predicted
        //   1 0 1      1 0 0      label a: tp 2, fp 1, fn 0  -> P 2/3, R 1, F1 0.8
        //   0 1 0      0 1 0      label b: tp 1, fp 0, fn 1  -> P 1,   R 1/2, F1 2/3
        //   1 1 0      1 0 0      label c: tp 1, fp 0, fn 1  -> P 1,   R 1/2, F1 2/3
        //   0 0 1      1 0 1
        //   (per row: row 2 is exactly right; rows 1, 3 and 4 each have one wrong cell)
        // micro: tp 4, fp 1, fn 2 -> F1 8/11; macro (0.8 + 2/3 + 2/3) / 3; Hamming 3 wrong cells / 12; subset 1/4.
        var labels = new LabelVocabulary(["a", "b", "c"]);
        using var truth = tensor(new float[] { 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1 }, [4, 3]);
        using var probs = tensor(new float[] { 0.9f, 0.1f, 0.4f, 0.2f, 0.5f, 0.3f, 0.7f, 0.49f, 0.0f, 0.6f, 0.2f, 0.8f }, [4, 3]);

        var r = MultiLabelMetrics.Evaluate(truth, probs, labels, 0.5);

        Assert.Equal(8.0 / 11.0, r.F1Micro, 12);
        Assert.Equal((0.8 + (2.0 / 3.0) + (2.0 / 3.0)) / 3.0, r.F1Macro, 12);
        Assert.Equal(3.0 / 12.0, r.HammingLoss, 12);
        Assert.Equal(1.0 / 4.0, r.SubsetAccuracy, 12);
        Assert.Equal(new LabelCounts(2, 1, 0, 1), r.PerLabel[0].Counts);
        Assert.Equal(2.0 / 3.0, r.PerLabel[0].Precision, 12);
        Assert.Equal(0.5, r.PerLabel[1].Recall, 12);
        Assert.Equal(new long[] { 2, 2, 2 }, r.PerLabel.Select(m => m.Support));
    }

    [Fact]
    public void A_label_never_present_nor_predicted_has_f1_zero_as_scikit_learn()
    {
        var labels = new LabelVocabulary(["a", "b"]);
        using var truth = tensor(new float[] { 1, 0, 1, 0 }, [2, 2]);
        using var probs = tensor(new float[] { 0.9f, 0.1f, 0.8f, 0.2f }, [2, 2]);
        var r = MultiLabelMetrics.Evaluate(truth, probs, labels);
        Assert.Equal(1.0, r.PerLabel[0].F1);
        Assert.Equal(0.0, r.PerLabel[1].F1);
        Assert.Equal(0.5, r.F1Macro);
        Assert.Equal(1.0, r.F1Micro);
    }

    [Fact]
    public void Mismatched_shapes_are_rejected()
    {
        var labels = new LabelVocabulary(["a", "b"]);
        using var truth = zeros(3, 2);
        using var probs = zeros(2, 2);
        Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Evaluate(truth, probs, labels));
    }
}
