using MultiLabel.Metrics;
using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class StreamingMetricsTests
{
    private static readonly string[] Labels = ["a", "b", "c", "d", "e"];

    [Theory]
    [InlineData(1, ScoreKind.Probabilities, false)]
    [InlineData(2, ScoreKind.Logits, false)]
    [InlineData(3, ScoreKind.Probabilities, true)]
    public void Random_batch_splits_give_exactly_the_one_shot_result(int seed, ScoreKind kind, bool tensorScan)
    {
        using var scope = NewDisposeScope();
        var (targets, scores) = RandomData(seed, 257, kind);
        var kernel = new KernelOptions(KernelOptions.Default.ElementBudget, tensorScan);
        var thresholds = Thresholds.PerLabel([0.3, 0.5, 0.5, 0.7, 0.45]);
        var oneShot = MultiLabelMetrics.Evaluate(targets, scores, Labels, thresholds, kind, kernel);

        var rng = new Pcg32((ulong)seed, 9);
        using var streaming = new StreamingMetrics(Labels, thresholds, kind, kernel);
        for (long start = 0; start < targets.shape[0];)
        {
            long size = Math.Min(rng.NextInt(0, 40), targets.shape[0] - start); // empty batches too
            streaming.Update(targets.narrow(0, start, size), scores.narrow(0, start, size));
            start += size;
        }

        Assert.Equal(257, streaming.SampleCount);
        AssertIdentical(oneShot, streaming.Compute());
    }

    [Fact]
    public void Updates_keep_their_own_copy_of_the_batch()
    {
        using var scope = NewDisposeScope();
        var (targets, scores) = RandomData(4, 60, ScoreKind.Probabilities);
        var expected = MultiLabelMetrics.Evaluate(targets, scores, Labels);
        using var streaming = new StreamingMetrics(Labels);
        var batchScores = scores.clone();
        var batchTargets = targets.clone();
        streaming.Update(batchTargets, batchScores);
        batchScores.fill_(0.0f); // the caller reuses its buffers
        batchTargets.fill_(1.0f);
        AssertIdentical(expected, streaming.Compute());
    }

    [Fact]
    public void Reset_forgets_the_batches()
    {
        using var scope = NewDisposeScope();
        var (targets, scores) = RandomData(5, 50, ScoreKind.Probabilities);
        using var streaming = new StreamingMetrics(Labels);
        streaming.Update(targets.narrow(0, 0, 20), scores.narrow(0, 0, 20));
        streaming.Reset();
        streaming.Update(targets.narrow(0, 20, 30), scores.narrow(0, 20, 30));
        AssertIdentical(MultiLabelMetrics.Evaluate(targets.narrow(0, 20, 30), scores.narrow(0, 20, 30), Labels), streaming.Compute());
    }

    [Fact]
    public void No_image_gives_zero_ratios_and_undefined_ranking_metrics()
    {
        using var streaming = new StreamingMetrics(Labels);
        var r = streaming.Compute();
        Assert.Equal(0, r.SampleCount);
        Assert.Equal(0.0, r.F1.Micro);
        Assert.Equal(0.0, r.HammingLoss);
        Assert.Null(r.MapMacro);
        Assert.Null(r.RocAucMicro);
        Assert.All(r.PerLabel, m => Assert.Null(m.AveragePrecision));
    }

    [Fact]
    public void A_disposed_accumulator_refuses_updates()
    {
        var streaming = new StreamingMetrics(Labels);
        streaming.Dispose();
        using var scope = NewDisposeScope();
        Assert.Throws<ObjectDisposedException>(() => streaming.Update(zeros(1, 5), zeros(1, 5)));
    }

    [Fact]
    public void State_survives_the_callers_dispose_scopes()
    {
        var (targets, scores) = RandomData(6, 40, ScoreKind.Probabilities);
        using var streaming = new StreamingMetrics(Labels);
        for (int i = 0; i < 4; i++)
        {
            using var batchScope = NewDisposeScope(); // as the trainer wraps every batch
            streaming.Update(targets.narrow(0, i * 10, 10), scores.narrow(0, i * 10, 10));
        }

        AssertIdentical(MultiLabelMetrics.Evaluate(targets, scores, Labels), streaming.Compute());
        targets.Dispose();
        scores.Dispose();
    }

    internal static (Tensor Targets, Tensor Scores) RandomData(int seed, int rows, ScoreKind kind)
    {
        var rng = new Pcg32((ulong)seed);
        var targets = new float[rows * Labels.Length];
        var scores = new float[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = rng.Bernoulli(0.15 + (0.15 * (i % Labels.Length))) ? 1 : 0;
            double p = (0.3 * targets[i]) + (0.7 * rng.NextDouble());
            p = i % 7 == 0 ? Math.Round(p, 1) : p; // ties
            scores[i] = kind == ScoreKind.Logits ? (float)Math.Log(p / (1 - p + 1e-9) + 1e-9) : (float)p;
        }

        return (tensor(targets, [rows, Labels.Length]), tensor(scores, [rows, Labels.Length]));
    }

    internal static void AssertIdentical(EvaluationResult expected, EvaluationResult actual)
    {
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        Assert.Equal(expected.NamedValues(), actual.NamedValues());
        Assert.Equal(expected.PerLabel, actual.PerLabel);
        Assert.Equal(expected.Thresholds, actual.Thresholds);
    }

    [Fact]
    public void Update_compute_reset_and_dispose_leave_no_live_tensor_behind()
    {
        // Regression: Reset's zero_() calls each returned a new tensor wrapper that nothing disposed (3 per epoch in
        // the trainer's validation, caught by the trainer's live-tensor test).
        using var targets = (rand(40, 6) > 0.5).to(ScalarType.Float32);
        using var scores = randn(40, 6);
        long before = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        for (int round = 0; round < 3; round++)
        {
            using var metrics = new StreamingMetrics(["a", "b", "c", "d", "e", "f"], Thresholds.Global(0), ScoreKind.Logits);
            metrics.Update(targets, scores);
            metrics.Compute();
            metrics.Reset();
            metrics.Update(targets, scores);
        }

        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }
}
