using System.Text.Json;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class EvaluationResultTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_result_round_trips_through_system_text_json(bool perLabelThresholds)
    {
        // The trainer keeps validation results in its history, which checkpoints store as JSON.
        using var scope = NewDisposeScope();
        var (targets, scores) = StreamingMetricsTests.RandomData(8, 40, ScoreKind.Probabilities);
        var thresholds = perLabelThresholds ? Thresholds.PerLabel([0.2, 0.4, 0.5, 0.6, 0.8]) : Thresholds.Global(0.35);
        var result = MultiLabelMetrics.Evaluate(targets, scores, ["a", "b", "c", "d", "e"], thresholds);

        var json = JsonSerializer.Serialize(result);
        var back = JsonSerializer.Deserialize<EvaluationResult>(json)!;

        StreamingMetricsTests.AssertIdentical(result, back);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }

    [Fact]
    public void Named_values_use_the_evaluate_json_keys()
    {
        using var scope = NewDisposeScope();
        var (targets, scores) = StreamingMetricsTests.RandomData(9, 30, ScoreKind.Probabilities);
        var named = MultiLabelMetrics.Evaluate(targets, scores, ["a", "b", "c", "d", "e"]).NamedValues();
        Assert.All(EvaluationJson.Keys, k => Assert.True(named.ContainsKey(k), k));
        Assert.All(named.Keys, k => Assert.NotEmpty(MetricGlossary.Explain(k)));
    }
}
