using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// Times an action honestly: a few warm-up runs first (the first calls allocate, pick kernels and fill caches), then
/// several timed runs, each inside its own dispose scope; on a CUDA device it waits for the GPU at the end of every
/// run (GPU calls return before the work is done). Reports the median, which one slow run does not move.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public static class StepTiming
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="runs"/> times timed.</summary>
    /// <param name="action">The work, e.g. one forward and backward pass.</param>
    /// <param name="device">The device it runs on (CUDA is synchronised after each run); null: the CPU.</param>
    /// <param name="warmup">Untimed runs first, >= 0.</param>
    /// <param name="runs">Timed runs, >= 1.</param>
    public static StepTime Measure(Action action, Device? device = null, int warmup = 2, int runs = 5)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        bool cuda = device is not null && device.type == DeviceType.CUDA;
        for (int i = 0; i < warmup; i++)
        {
            Once(action, cuda);
        }

        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            Once(action, cuda);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : (times[(runs / 2) - 1] + times[runs / 2]) / 2;
        return new StepTime(median, times[0], times[^1], runs, warmup);
    }

    private static void Once(Action action, bool cuda)
    {
        using (NewDisposeScope())
        {
            action();
        }

        if (cuda)
        {
            torch.cuda.synchronize();
        }
    }
}

/// <summary>What <see cref="StepTiming.Measure"/> measured.</summary>
/// <param name="MedianMilliseconds">The median of the timed runs.</param>
/// <param name="FastestMilliseconds">The fastest timed run.</param>
/// <param name="SlowestMilliseconds">The slowest timed run.</param>
/// <param name="Runs">Timed runs.</param>
/// <param name="Warmup">Untimed runs before them.</param>
public sealed record StepTime(double MedianMilliseconds, double FastestMilliseconds, double SlowestMilliseconds, int Runs, int Warmup)
{
    /// <summary>"12.3 ms (median of 5, 11.9 to 13.0 ms, after 2 warm-up runs)".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{MedianMilliseconds:F1} ms (median of {Runs}, {FastestMilliseconds:F1} to {SlowestMilliseconds:F1} ms, after {Warmup} warm-up run{(Warmup == 1 ? "" : "s")})");
}
