using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MultiLabel.Metrics;
using MultiLabel.Runtime;
using MultiLabel.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// <c>mlc bench metrics</c>: times every metric on random N x L data (default 200,000 x 80) with MultiLabel.Metrics
/// and, on the very same data, with scikit-learn; prints both times, the speed-up and the largest difference.
/// </summary>
public sealed class BenchMetricsCommand(IAnsiConsole console) : Command<BenchMetricsSettings>
{
    /// <summary>The speed-up over scikit-learn the issue asks for.</summary>
    public const double TargetSpeedup = 20;

    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchMetricsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TorchRuntime.EnsureLoaded();
        var device = DeviceOption.Resolve(settings.Device);

        console.MarkupLineInterpolated($"Generating {settings.Rows:N0} x {settings.Labels} random labels and scores (seed {settings.Seed}) on [bold]{device}[/], {get_num_threads()} threads.");
        var data = BenchData.Generate(settings.Rows, settings.Labels, settings.Seed);
        var names = Enumerable.Range(0, settings.Labels).Select(l => $"label_{l}").ToArray();
        var thresholds = Thresholds.Default;
        using var targets = tensor(data.Targets, [settings.Rows, settings.Labels]).to(device);
        using var scores = tensor(data.Scores, [settings.Rows, settings.Labels]).to(device);
        Warmup(device, names.Length);

        EvaluationResult? result = null;
        var rows = new List<(string Name, double Seconds)>
        {
            ("all metrics, one call", Best(settings.Repeat, () => result = MultiLabelMetrics.Evaluate(targets, scores, names, thresholds))),
            ($"all metrics, streaming (batches of {settings.BatchSize:N0})", Best(settings.Repeat, () => Streaming(targets, scores, names, settings.BatchSize))),
            ("threshold tuning (global + per label)", Best(settings.Repeat, () => ThresholdTuning.Tune(targets, scores, names))),
            ($"threshold sweep ({ThresholdSweep.DefaultGrid.Count} thresholds)", Best(settings.Repeat, () => ThresholdSweep.Compute(targets, scores, names))),
        };

        SklearnRun? sklearn = null;
        if (!settings.NoSklearn)
        {
            console.MarkupLine("Running scikit-learn on the same data (about a minute or more)...");
            sklearn = SklearnRun.Run(SklearnRun.ResolvePython(settings.Python), data, thresholds.Expand(names.Length));
        }

        Render(settings, rows, result!, sklearn);
        return ExitCodes.Ok;
    }

    private static void Streaming(Tensor targets, Tensor scores, string[] names, int batchSize)
    {
        using var metrics = new StreamingMetrics(names);
        for (long start = 0; start < targets.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(batchSize, targets.shape[0] - start);
            metrics.Update(targets.narrow(0, start, count), scores.narrow(0, start, count));
        }

        metrics.Compute();
    }

    private static void Warmup(Device device, int labels)
    {
        using var scope = NewDisposeScope();
        var names = Enumerable.Range(0, labels).Select(l => $"w{l}").ToArray();
        MultiLabelMetrics.Evaluate(rand(64, labels, device: device).gt(0.5), rand(64, labels, device: device), names);
    }

    private static double Best(int repeat, Action action)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    private void Render(BenchMetricsSettings settings, List<(string Name, double Seconds)> rows, EvaluationResult result, SklearnRun? sklearn)
    {
        var table = new Table()
            .AddColumn("measurement").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("speed-up vs scikit-learn").RightAligned());
        double? reference = sklearn?.Seconds;
        foreach (var (name, seconds) in rows)
        {
            table.AddRow(Markup.Escape(name), F(seconds, "F3"), reference is double r ? F(r / seconds, "F1") + "x" : "-");
        }

        if (reference is double sk)
        {
            table.AddRow(Markup.Escape($"scikit-learn {sklearn!.Version}, all metrics (the same values)"), F(sk, "F3"), "1.0x");
        }

        console.WriteTitled($"mlc bench metrics: {settings.Rows:N0} x {settings.Labels} (best of {settings.Repeat})", table);
        if (sklearn is null)
        {
            return;
        }

        if (sklearn.Problem is not null)
        {
            console.MarkupLineInterpolated($"[yellow]scikit-learn not measured:[/] {sklearn.Problem}");
            return;
        }

        double speedup = sklearn.Seconds!.Value / rows[0].Seconds;
        var (largest, where, compared) = LargestDifference(result, sklearn.Metrics!.Value);
        console.MarkupLineInterpolated($"Largest difference from scikit-learn over {compared} values: {largest:E2} ({where}).");
        var verdict = speedup >= TargetSpeedup ? "[green]met[/]" : "[red]not met[/]";
        console.MarkupLine(
            string.Create(CultureInfo.InvariantCulture, $"Target: all metrics at least {TargetSpeedup:F0}x faster than scikit-learn: {verdict} ({speedup:F1}x)."));
    }

    private static (double Largest, string Where, int Compared) LargestDifference(EvaluationResult result, JsonElement expected)
    {
        double largest = 0;
        string where = "-";
        int compared = 0;
        void Compare(string name, double? ours, JsonElement theirs)
        {
            if (theirs.ValueKind != JsonValueKind.Number || ours is null)
            {
                return;
            }

            compared++;
            double d = Math.Abs(theirs.GetDouble() - ours.Value);
            if (d >= largest)
            {
                (largest, where) = (d, name);
            }
        }

        foreach (var (key, value) in result.NamedValues())
        {
            Compare(key, value, expected.GetProperty(key));
        }

        var perLabel = expected.GetProperty("per_label").EnumerateArray().ToArray();
        for (int l = 0; l < perLabel.Length; l++)
        {
            var m = result.PerLabel[l];
            Compare($"{m.Label}.f1", m.F1, perLabel[l].GetProperty("f1"));
            Compare($"{m.Label}.ap", m.AveragePrecision, perLabel[l].GetProperty("ap"));
            Compare($"{m.Label}.roc_auc", m.RocAuc, perLabel[l].GetProperty("roc_auc"));
        }

        return (largest, where, compared);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
