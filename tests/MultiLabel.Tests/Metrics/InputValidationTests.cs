using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class InputValidationTests
{
    private static readonly string[] Labels = ["a", "b"];

    [Fact]
    public void Non_binary_targets_are_rejected_naming_the_cell()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() =>
            MultiLabelMetrics.Evaluate(tensor(new float[] { 1, 0, 0, 2 }, [2, 2]), full(2, 2, 0.5f), Labels));
        Assert.Contains("row 1, column 1 holds 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN, "finite")]
    [InlineData(float.PositiveInfinity, "finite")]
    [InlineData(1.5f, "[0, 1]")]
    [InlineData(-0.1f, "[0, 1]")]
    public void Bad_probabilities_are_rejected_naming_the_cell(float bad, string expected)
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new float[] { 0.1f, 0.2f, bad, 0.4f }, [2, 2]);
        var ex = Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Evaluate(zeros(2, 2), scores, Labels));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 1, column 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logits_may_be_any_finite_number_but_not_nan()
    {
        using var scope = NewDisposeScope();
        var r = MultiLabelMetrics.Evaluate(tensor(new float[] { 1, 0, 0, 1 }, [2, 2]), tensor(new float[] { 12, -30, -2, 3 }, [2, 2]), Labels, kind: ScoreKind.Logits);
        Assert.Equal(1.0, r.F1.Micro);
        Assert.Throws<ArgumentException>(() =>
            MultiLabelMetrics.Evaluate(zeros(2, 2), tensor(new float[] { 1, float.NaN, 0, 0 }, [2, 2]), Labels, kind: ScoreKind.Logits));
    }

    [Fact]
    public void Shapes_and_label_counts_must_agree()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Evaluate(zeros(3, 2), zeros(2, 2), Labels));
        Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Evaluate(zeros(2, 3), zeros(2, 3), Labels));
        Assert.Throws<ArgumentException>(() => MultiLabelMetrics.Evaluate(zeros(2, 2), zeros(2, 2), Labels, Thresholds.PerLabel([0.5, 0.5, 0.5])));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Thresholds_must_be_probabilities(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.Global(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.PerLabel([0.5, value]));
    }

    [Fact]
    public void Float32_thresholds_round_up_so_a_score_just_below_never_counts()
    {
        // float32(0.7) = 0.69999998807907...: below 0.7, so not predicted, exactly as scikit-learn decides in float64.
        using var scope = NewDisposeScope();
        var r = MultiLabelMetrics.Evaluate(tensor(new float[] { 1, 1 }, [2, 1]), tensor(new float[] { 0.7f, 0.70000005f }, [2, 1]), ["a"], Thresholds.Global(0.7));
        Assert.Equal(new LabelCounts(1, 0, 1, 0), r.PerLabel[0].Counts);
    }
}
