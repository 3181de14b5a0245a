using System.Diagnostics;
using System.Globalization;
using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Training;
using MultiLabel.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// <c>mlc bench data</c>: decode + augment throughput of the loader with 1 and 2 workers (PNG files of the shipped
/// shapes data, the default training augmentation) and the fraction of a training step's time the trainer waits for
/// data with the default model and loader settings, all measured in one run.
/// </summary>
public sealed class BenchDataCommand(IAnsiConsole console) : Command<BenchDataSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchDataSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TorchRuntime.EnsureLoaded();
        var folder = ShapesLocator.Locate();
        console.MarkupLineInterpolated($"Data: shapes PNG files in {folder}; {Environment.ProcessorCount} cores; torch threads {torch.get_num_threads()}.");

        // 1. Decode + augment from files, nothing else running.
        var files = ShapesFiles.Open(folder, Split.Train, new ImageFolderOptions(Preload: false));
        var throughput = new Table()
            .AddColumn("workers").AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned())
            .AddColumn(new TableColumn("images/s").RightAligned());
        var rates = new Dictionary<int, double>();
        foreach (int workers in new[] { 0, 1, 2 })
        {
            var loader = new DataLoader(files, settings.BatchSize, shuffle: true, seed: 1, transform: Transforms.ShapesTraining, workers: workers);
            var (images, seconds) = Drain(loader, settings.Images);
            rates[workers] = images / seconds;
            throughput.AddRow(workers == 0 ? "0 (consumer thread)" : F0(workers), F0(images), F2(seconds), F0(rates[workers]));
        }

        console.WriteTitled("Decode + augment (PNG files, shapes training augmentation)", throughput);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2 workers / 1 worker: {rates[2] / rates[1]:F2}x"));

        if (settings.TrainBatches == 0)
        {
            return ExitCodes.Ok;
        }

        // 2. Data wait while training the default model on the default loader (preloaded PNGs, shapes augmentation).
        var train = ShapesFiles.Open(folder, Split.Train);
        var wait = new Table()
            .AddColumn("workers").AddColumn(new TableColumn("step images/s").RightAligned()).AddColumn(new TableColumn("waited s").RightAligned())
            .AddColumn(new TableColumn("total s").RightAligned()).AddColumn(new TableColumn("wait fraction").RightAligned())
            .AddColumn(new TableColumn("unguarded GCs").RightAligned());
        double defaultFraction = double.NaN;
        foreach (int workers in new[] { 0, 1, 2 })
        {
            var loader = new DataLoader(train, settings.BatchSize, shuffle: true, seed: 0, dropLast: true, transform: Transforms.ShapesTraining, workers: workers);
            var stats = TrainSteps(loader, settings.TrainBatches, cancellationToken);
            if (workers == new TrainSettings().Workers)
            {
                defaultFraction = stats.WaitFraction;
            }

            wait.AddRow(
                workers == new TrainSettings().Workers ? $"{workers} (default)" : F0(workers),
                F0(stats.Samples / stats.Seconds), F2(stats.WaitSeconds), F2(stats.Seconds), Percent(stats.WaitFraction), F0(stats.UnguardedCollections));
        }

        console.WriteTitled($"Training SmallCnn (width 16, depth 4), {settings.TrainBatches} steps of {settings.BatchSize} images", wait);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Data wait with the default settings: {defaultFraction * 100:F1}% of training time (target under 10%: {(defaultFraction < 0.10 ? "met" : "NOT met")})."));
        return ExitCodes.Ok;
    }

    /// <summary>Pulls batches until <paramref name="images"/> images passed, disposing each (the consumer does nothing else).</summary>
    private static (long Images, double Seconds) Drain(DataLoader loader, int images)
    {
        var clock = Stopwatch.StartNew();
        long seen = 0;
        for (int epoch = 0; seen < images; epoch++)
        {
            foreach (var batch in loader.Epoch(epoch))
            {
                seen += batch.Size;
                batch.Dispose();
                if (seen >= images)
                {
                    break;
                }
            }
        }

        return (seen, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs training steps of the default model and returns the loader's timing of that pass.</summary>
    private static LoaderEpochStats TrainSteps(DataLoader loader, int steps, CancellationToken cancellationToken)
    {
        Trainer.Seed(0);
        using var model = new SmallCnn(loader.Dataset.Labels.Count, width: 16, depth: 4);
        using var loss = nn.BCEWithLogitsLoss();
        using var optimizer = optim.AdamW(model.parameters(), lr: 3e-3, weight_decay: 1e-4);
        model.train();
        int done = 0;
        foreach (var batch in loader.Epoch(1, cancellationToken).Take(steps))
        {
            using var scope = NewDisposeScope();
            using (batch)
            {
                optimizer.zero_grad();
                var value = loss.call(model.call(batch.Images), batch.Targets);
                value.backward();
                optimizer.step();
                done++;
            }
        }

        return loader.LastEpoch!;
    }

    private static string F0(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
