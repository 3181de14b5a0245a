using MultiLabel.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

public sealed class StepTimingTests
{
    [Fact]
    public void Measure_runs_warmup_then_timed_runs_and_reports_their_median()
    {
        int calls = 0;
        var time = StepTiming.Measure(() => calls++, warmup: 2, runs: 5);
        Assert.Equal(7, calls);
        Assert.Equal(5, time.Runs);
        Assert.Equal(2, time.Warmup);
        Assert.True(time.FastestMilliseconds <= time.MedianMilliseconds && time.MedianMilliseconds <= time.SlowestMilliseconds);
        Assert.Contains("median of 5", time.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_run_is_inside_a_dispose_scope_and_bad_counts_are_refused()
    {
        MultiLabel.Runtime.TorchRuntime.EnsureLoaded();
        var before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        StepTiming.Measure(() => _ = ones(4, 4) * 2, CPU, warmup: 1, runs: 3);
        Assert.Equal(before, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => StepTiming.Measure(() => { }, runs: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StepTiming.Measure(() => { }, warmup: -1));
    }
}
