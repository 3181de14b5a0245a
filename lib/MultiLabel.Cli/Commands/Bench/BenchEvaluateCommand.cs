using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using MultiLabel.Cli.Rendering;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// <c>mlc bench evaluate</c>: <c>mlc evaluate</c> measured as a user runs it (a new process that parses two CSV files
/// of N x L and computes every metric) against a Python user's script (numpy.loadtxt and scikit-learn, also a new
/// process) on the same files; prints the median times, their range, the speed-up, and mlc's peak resident memory
/// against the input size and the runtime's own (the same command on two-row files).
/// </summary>
public sealed class BenchEvaluateCommand(IAnsiConsole console) : Command<BenchEvaluateSettings>
{
    /// <summary>The speed-up over scikit-learn (its parsing included) the issue asks for.</summary>
    public const double TargetSpeedup = 10;

    /// <summary>Resident memory may exceed the runtime's by at most this many times the input size.</summary>
    public const double MemoryFactor = 2;

    private const string SklearnScript = "scripts/bench_evaluate_sklearn.py";

    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchEvaluateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = Directory.CreateTempSubdirectory("mlc-bench-evaluate-").FullName;
        try
        {
            console.MarkupLineInterpolated($"Writing {settings.Rows:N0} x {settings.Labels} labels and scores (seed {settings.Seed}) as CSV...");
            var data = BenchData.Generate(settings.Rows, settings.Labels, settings.Seed);
            var (labels, scores) = (Path.Combine(folder, "labels.csv"), Path.Combine(folder, "scores.csv"));
            WriteCsv(labels, data, scoresFile: false);
            WriteCsv(scores, data, scoresFile: true);
            var tiny = BenchData.Generate(2, settings.Labels, settings.Seed);
            var (tinyLabels, tinyScores) = (Path.Combine(folder, "tiny-labels.csv"), Path.Combine(folder, "tiny-scores.csv"));
            WriteCsv(tinyLabels, tiny, scoresFile: false);
            WriteCsv(tinyScores, tiny, scoresFile: true);
            long inputBytes = new FileInfo(labels).Length + new FileInfo(scores).Length;

            // Smallest first: getrusage reports the largest child so far.
            var runtime = Evaluate(tinyLabels, tinyScores);
            var ours = Enumerable.Range(0, settings.Repeat).Select(_ => Evaluate(labels, scores)).ToList();
            var sklearn = settings.NoSklearn ? null : Sklearn(settings, labels, scores);
            Render(settings, inputBytes, runtime, ours, sklearn);
            return ExitCodes.Ok;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ChildProcessRun Evaluate(string labels, string scores)
    {
        var (file, prefix) = ChildProcessRun.Mlc();
        var run = ChildProcessRun.Run(file, [.. prefix, "evaluate", "--labels", labels, "--scores", scores, "--json"]);
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"mlc evaluate failed ({run.ExitCode}): {run.Stderr.Trim()}");
    }

    private List<ChildProcessRun>? Sklearn(BenchEvaluateSettings settings, string labels, string scores)
    {
        var script = RepoFiles.Find(SklearnScript);
        var python = Commands.Bench.SklearnRun.ResolvePython(settings.Python);
        if (script is null)
        {
            console.MarkupLineInterpolated($"[yellow]scikit-learn not measured:[/] {SklearnScript} not found above the current folder.");
            return null;
        }

        console.MarkupLineInterpolated($"Running {python} {SklearnScript} {settings.Repeat} times (about 16 s each on 2 cores)...");
        var runs = new List<ChildProcessRun>();
        for (int i = 0; i < settings.Repeat; i++)
        {
            ChildProcessRun run;
            try
            {
                run = ChildProcessRun.Run(python, [script, labels, scores]);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                console.MarkupLineInterpolated($"[yellow]scikit-learn not measured:[/] could not start {python}: {ex.Message}");
                return null;
            }

            if (run.ExitCode != 0)
            {
                console.MarkupLineInterpolated($"[yellow]scikit-learn not measured:[/] {python} exited with code {run.ExitCode}: {run.Stderr.Trim().Split('\n')[^1]}");
                return null;
            }

            runs.Add(run);
        }

        return runs;
    }

    private void Render(BenchEvaluateSettings settings, long inputBytes, ChildProcessRun runtime, List<ChildProcessRun> ours, List<ChildProcessRun>? sklearn)
    {
        var table = new Table().AddColumn("measurement").AddColumn(new TableColumn("median s").RightAligned())
            .AddColumn(new TableColumn("range s").RightAligned()).AddColumn(new TableColumn("speed-up").RightAligned());
        double mine = Median(ours);
        double? theirs = sklearn is null ? null : Median(sklearn);
        table.AddRow("mlc evaluate --json (process start, parse both CSVs, all metrics)", F(mine), Range(ours), theirs is double t ? F(t / mine, "F1") + "x" : "-");
        if (sklearn is not null)
        {
            table.AddRow("python3: numpy.loadtxt + scikit-learn, the same metrics (process start included)", F(theirs!.Value), Range(sklearn), "1.0x");
        }

        console.WriteTitled($"mlc bench evaluate: two CSV files of {settings.Rows:N0} x {settings.Labels} ({inputBytes / 1e6:F1} MB), {settings.Repeat} runs each", table);
        long? peak = ours.Max(r => r.PeakChildResidentBytes), baseline = runtime.PeakChildResidentBytes;
        if (peak is long p && baseline is long b)
        {
            double budget = b + (MemoryFactor * inputBytes);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Peak resident memory of mlc evaluate: {p / 1e6:F0} MB; the runtime alone (two-row files) {b / 1e6:F0} MB; input {inputBytes / 1e6:F0} MB; " +
                $"target under {MemoryFactor:F0}x the input plus the runtime ({budget / 1e6:F0} MB): {(p < budget ? "[green]met[/]" : "[red]not met[/]")} (+{(p - b) / (double)inputBytes:F2}x the input)."));
        }
        else
        {
            console.MarkupLine("Peak resident memory: not measured on this OS (getrusage is Linux only).");
        }

        if (theirs is double sk)
        {
            if (LargestDifference(ours[^1].Stdout, sklearn![^1].Stdout) is var (largest, where, compared))
            {
                console.MarkupLineInterpolated($"Largest difference from scikit-learn over {compared} headline values: {largest:E2} ({where}).");
            }

            double speedup = sk / mine;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Target: mlc evaluate at least {TargetSpeedup:F0}x faster than scikit-learn with its parsing: {(speedup >= TargetSpeedup ? "[green]met[/]" : "[red]not met[/]")} ({speedup:F1}x)."));
        }
    }

    private static (double Largest, string Where, int Compared)? LargestDifference(string oursJson, string sklearnJson)
    {
        using var mine = JsonDocument.Parse(oursJson);
        using var theirs = JsonDocument.Parse(sklearnJson);
        var metrics = theirs.RootElement.GetProperty("metrics");
        double largest = 0;
        string where = "-";
        int compared = 0;
        foreach (var property in mine.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
        {
            if (metrics.TryGetProperty(property.Name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                compared++;
                double d = Math.Abs(value.GetDouble() - property.Value.GetDouble());
                (largest, where) = d >= largest ? (d, property.Name) : (largest, where);
            }
        }

        return compared == 0 ? null : (largest, where, compared);
    }

    /// <summary>A CSV as a model's evaluation script writes it: the labels as 0/1, the scores with six decimals.</summary>
    internal static void WriteCsv(string path, BenchData data, bool scoresFile)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write(string.Join(",", Enumerable.Range(0, data.Labels).Select(l => $"label_{l}")));
        writer.Write('\n');
        Span<char> cell = stackalloc char[32];
        for (int r = 0; r < data.Rows; r++)
        {
            for (int l = 0; l < data.Labels; l++)
            {
                if (l > 0)
                {
                    writer.Write(',');
                }

                long i = ((long)r * data.Labels) + l;
                if (scoresFile)
                {
                    data.Scores[i].TryFormat(cell, out int written, "F6", CultureInfo.InvariantCulture);
                    writer.Write(cell[..written]);
                }
                else
                {
                    writer.Write(data.Targets[i] == 0 ? '0' : '1');
                }
            }

            writer.Write('\n');
        }
    }

    private static double Median(List<ChildProcessRun> runs)
    {
        var sorted = runs.Select(r => r.Seconds).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Range(List<ChildProcessRun> runs) => $"{F(runs.Min(r => r.Seconds))}-{F(runs.Max(r => r.Seconds))}";

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
