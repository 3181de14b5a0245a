using System.Diagnostics;
using System.Globalization;
using MultiLabel.Data;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;
using static TorchSharp.torch;
using DataLoader = MultiLabel.Data.DataLoader;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// <c>mlc bench train</c>: in one run, interleaved epoch by epoch, the images/s of a bare training loop over
/// pre-loaded, pre-batched tensors and of <see cref="Trainer.Fit"/> over the data loader of <c>mlc train</c> (decoding
/// the dataset's files and augmenting on background workers) of the <see cref="TrainingRun"/> that <c>mlc train</c> makes, with the same model, loss, optimizer and batch size; the median of their
/// per-epoch ratios (target >= 0.9); and the live tensor count and resident memory after every trainer epoch.
/// </summary>
public sealed class BenchTrainCommand(IAnsiConsole console) : Command<BenchTrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchTrainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var recipe = settings.ToRecipe() with { Epochs = settings.Epochs };
        using var run = TrainingRun.Start(recipe, folder: null, settings.ToMachine() with { Device = "cpu" });
        TrainingData.ReportSkipped(console, run.Data);
        var loader = new DataLoader(run.Data.Train, recipe.BatchSize, shuffle: true, seed: 0, dropLast: true);
        console.MarkupLineInterpolated(
            $"{run.Data.Name}: {recipe.Model} width {recipe.Width} depth {recipe.Depth}, batch {recipe.BatchSize}, {loader.BatchCount} batches/epoch, {settings.Workers} loader worker(s), {torch.get_num_threads()} torch threads, CPU.");

        using var bareLoop = new BareLoop(recipe, loader);
        bareLoop.RunEpoch(cancellationToken); // warm-up: allocations, optimizer state
        var (trainer, bare, tensors, memory) = Interleaved(run, bareLoop, cancellationToken);

        var table = new Table().AddColumn("epoch").AddColumn(new TableColumn("bare img/s").RightAligned())
            .AddColumn(new TableColumn("trainer img/s").RightAligned()).AddColumn(new TableColumn("live tensors").RightAligned())
            .AddColumn(new TableColumn("resident MiB").RightAligned());
        for (int e = 0; e < settings.Epochs; e++)
        {
            table.AddRow((e + 1).ToString(CultureInfo.InvariantCulture), F(bare[e], "F0"), F(trainer[e], "F0"),
                tensors[e].ToString(CultureInfo.InvariantCulture), F(memory[e] / (1024.0 * 1024.0), "F0"));
        }

        console.Write(table);
        // Each trainer epoch is paired with the bare epoch right after it: on a shared machine the load drifts
        // between epochs, and the median of the paired ratios is robust to that drift.
        double ratio = Median(trainer.Zip(bare, (t, b) => t / b).ToArray());
        console.WriteLine(FormattableString.Invariant(
            $"trainer / bare images/s (median of per-epoch ratios): {ratio:F3}  (target >= 0.9)  {(ratio >= 0.9 ? "met" : "NOT met")}"));
        console.WriteLine(FormattableString.Invariant(
            $"medians: trainer {Median(trainer):F0} img/s, bare {Median(bare):F0} img/s"));
        console.WriteLine(FormattableString.Invariant(
            $"live tensors epoch 1 -> {settings.Epochs}: {tensors[0]} -> {tensors[^1]}; resident memory epoch 2 -> {settings.Epochs}: {memory[1] / 1048576.0:F0} -> {memory[^1] / 1048576.0:F0} MiB"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Trainer epochs of <paramref name="run"/> with one bare epoch after each (run from the epoch event, outside the
    /// trainer's clock), so both loops see the same machine load; the live tensors and resident memory are read before
    /// each bare epoch.
    /// </summary>
    private static (double[] Trainer, double[] Bare, long[] LiveTensors, long[] ResidentBytes) Interleaved(
        TrainingRun run, BareLoop bareLoop, CancellationToken cancellationToken)
    {
        var bare = new List<double>();
        var tensors = new List<long>();
        var memory = new List<long>();
        long handedOver = 0;
        run.Trainer.EpochCompleted += (_, _) =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            // TorchSharp counts live tensors per thread. A loader worker creates each batch's two tensors and this
            // thread disposes them, so this thread's count drops by two per batch: add those back.
            foreach (var loader in new[] { run.TrainLoader, run.ValidationLoader })
            {
                handedOver += loader.Workers > 0 ? 2L * (loader.LastEpoch?.Batches ?? 0) : 0;
            }

            tensors.Add(DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount + handedOver);
            using (var process = Process.GetCurrentProcess())
            {
                memory.Add(process.WorkingSet64);
            }

            bare.Add(bareLoop.RunEpoch(cancellationToken));
        };
        var history = run.Fit(cancellationToken);
        return (history.Select(r => r.ImagesPerSecond).ToArray(), [.. bare], [.. tensors], [.. memory]);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>The reference: zero_grad, forward, loss, backward, clipping, step over batches built before the clock starts.</summary>
internal sealed class BareLoop : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly BceLoss loss = new();
    private readonly TorchSharp.Modules.AdamW optimizer;
    private readonly List<Batch> batches;
    private readonly double clipNorm;

    public BareLoop(TrainingRecipe recipe, DataLoader loader)
    {
        Trainer.Seed(recipe.Seed);
        model = TrainingRun.BuildModel(recipe, loader.Dataset.Labels.Count);
        optimizer = optim.AdamW(model.parameters(), lr: recipe.LearningRate, weight_decay: recipe.WeightDecay);
        clipNorm = recipe.ClipGrad;
        batches = loader.Epoch(1).ToList();
    }

    /// <summary>One pass over the pre-loaded batches; returns images/s.</summary>
    public double RunEpoch(CancellationToken cancellationToken)
    {
        model.train();
        var clock = Stopwatch.StartNew();
        long images = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            loss.call(model.call(batch.Images), batch.Targets).backward();
            // The same optimisation work per step as the trainer at its defaults: the ratio measures what the data
            // pipeline and the trainer's bookkeeping cost, not a different algorithm.
            if (clipNorm > 0)
            {
                nn.utils.clip_grad_norm_(model.parameters(), clipNorm);
            }

            optimizer.step();
            images += batch.Size;
        }

        return images / clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        foreach (var batch in batches)
        {
            batch.Dispose();
        }

        optimizer.Dispose();
        loss.Dispose();
        model.Dispose();
    }
}
