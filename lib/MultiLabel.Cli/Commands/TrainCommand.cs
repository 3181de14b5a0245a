using System.Diagnostics;
using MultiLabel.Cli.Rendering;
using MultiLabel.Data;
using MultiLabel.Metrics;
using MultiLabel.Models;
using MultiLabel.Reports;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc train</c>: trains on the embedded data, evaluates on the test split and writes the run folder.</summary>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        RunDirectory run;
        try
        {
            run = RunDirectory.Create(settings.Out ?? RunDirectory.DefaultPath(Environment.CurrentDirectory, DateTime.Now));
        }
        catch (IOException ex)
        {
            throw new UsageException($"--out: {ex.Message}", ex);
        }

        TorchRuntime.EnsureLoaded();
        var options = new TrainerOptions(Epochs: settings.Epochs, LearningRate: settings.LearningRate, Seed: settings.Seed, Device: settings.Device);
        Trainer.Seed(settings.Seed);

        var data = TrainingData.Load(settings, console);
        var (trainSet, valSet, testSet) = (data.Train, data.Val, data.Test);
        if (trainSet.Count < settings.BatchSize)
        {
            throw new UsageException($"--batch-size {settings.BatchSize} is larger than the training split ({trainSet.Count} images); lower it or raise --count.");
        }

        var trainLoader = new DataLoader(trainSet, settings.BatchSize, shuffle: true, seed: settings.Seed, dropLast: true, transform: settings.TrainTransform(data), workers: settings.Workers);
        var valLoader = new DataLoader(valSet, 256, shuffle: false, transform: data.EvalTransform, workers: settings.Workers);
        var testLoader = new DataLoader(testSet, 256, shuffle: false, transform: data.EvalTransform, workers: settings.Workers);

        using var model = new SmallCnn(trainSet.Labels.Count, width: settings.Width, depth: settings.Depth);
        var trainer = new Trainer(model, options);
        if (!settings.Quiet)
        {
            console.MarkupLineInterpolated(
                $"Training [bold]SmallCnn[/] on [bold]{data.Name}[/] ({trainSet.Count} train / {valSet.Count} val / {testSet.Count} test images, {trainSet.Labels.Count} labels) on [bold]{trainer.Device}[/], seed {settings.Seed}.");
        }

        TrainingProgress.Run(console, trainer, settings.Quiet, () => trainer.Fit(trainLoader, valLoader, cancellationToken));
        run.SaveModel(model);
        run.WriteLabels(trainSet.Labels.Names);
        run.WriteHistory(trainer.History);

        EvaluationResult test;
        using (var scope = NewDisposeScope())
        {
            var (targets, logits) = trainer.PredictLogits(testLoader);
            var probabilities = logits.sigmoid();
            test = MultiLabelMetrics.Evaluate(targets, probabilities, testSet.Labels, options.Threshold);
            RunReport.Write(run.Path, ReportInput.FromDataset(testSet, targets, probabilities, Thresholds.Global(options.Threshold), "Evaluation report: test split"));
        }

        var summary = new RunSummary(
            new TestMetrics(test.F1Micro, test.F1Macro, test.HammingLoss, test.SubsetAccuracy),
            Math.Round(clock.Elapsed.TotalSeconds, 2), trainer.Device.ToString(), settings.Epochs, settings.Seed,
            "small-cnn", data.Name, trainSet.Labels.Names, options.Threshold);
        run.WriteSummary(summary);
        MetricsTable.Write(console, "Test split", test);
        console.MarkupLineInterpolated($"Run folder: [link]{run.Path}[/] ({summary.Seconds:F1} s), report: {EvaluationReport.FileName}");
        return ExitCodes.Ok;
    }
}
