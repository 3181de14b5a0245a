using System.Diagnostics;
using MultiLabel.Cli.Rendering;
using MultiLabel.Losses;
using MultiLabel.Metrics;
using MultiLabel.Models;
using MultiLabel.Reports;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;
using DataLoader = MultiLabel.Data.DataLoader;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc train</c>: trains, evaluates on the test split and writes the run folder; <c>--resume</c> continues one.</summary>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    /// <summary>Batch size of validation and test passes.</summary>
    private const int EvalBatchSize = 256;

    /// <inheritdoc />
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        var (config, run, resuming) = PrepareRun(settings);

        TorchRuntime.EnsureLoaded();
        DeviceOption.Resolve(settings.Device); // an unavailable device stops here, before the data is loaded
        Trainer.Seed(config.Seed);
        var data = TrainingData.Load(config.ToDataSourceOptions(settings.CacheDir, settings.Offline), console);
        if (data.Train.Count < config.BatchSize)
        {
            throw new UsageException($"--batch-size {config.BatchSize} is larger than the training split ({data.Train.Count} images); lower it or raise --count.");
        }

        var trainLoader = new DataLoader(
            data.Train, config.BatchSize, shuffle: true, seed: config.Seed, dropLast: true,
            transform: TrainingData.TrainTransform(config.Augment, data), workers: settings.Workers);
        var valLoader = new DataLoader(data.Val, EvalBatchSize, shuffle: false, transform: data.EvalTransform, workers: settings.Workers);
        var testLoader = new DataLoader(data.Test, EvalBatchSize, shuffle: false, transform: data.EvalTransform, workers: settings.Workers);

        // A resumed run takes every weight from its checkpoint: the pretrained file is not read again.
        using var model = BuildModel(resuming ? config with { Weights = null } : config, data.Train.Labels.Count);
        using var loss = LossCatalog.Create(config.Loss, config.PosWeight ? PositiveWeights.FromLabelFrequencies(data.Train) : null);
        var options = new TrainerOptions(
            Epochs: config.Epochs, LearningRate: config.LearningRate, WeightDecay: config.WeightDecay, Seed: config.Seed, Device: settings.Device,
            Schedule: config.Schedule, GradientClipNorm: config.ClipGrad > 0 ? config.ClipGrad : null,
            Monitor: config.Monitor, Patience: config.Patience > 0 ? config.Patience : null, BackboneLearningRateFactor: config.BackboneLrFactor);
        using var trainer = new Trainer(model, options, loss, run);
        if (resuming)
        {
            var state = ResumeFrom(trainer, run);
            if (!settings.Quiet)
            {
                console.MarkupLineInterpolated($"Resuming [bold]{run.Path}[/] after epoch {state.CompletedEpochs} of {state.Epochs}.");
            }
        }
        else if (!settings.Quiet)
        {
            console.MarkupLineInterpolated(
                $"Training [bold]{config.Model}[/] on [bold]{data.Name}[/] ({data.Train.Count} train / {data.Val.Count} val / {data.Test.Count} test images, {data.Train.Labels.Count} labels) on [bold]{trainer.Device}[/], seed {config.Seed}.");
        }

        try
        {
            TrainingProgress.Run(console, trainer, settings.Quiet, () => trainer.Fit(trainLoader, valLoader, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineInterpolated(
                $"Interrupted after epoch {trainer.CompletedEpochs}; continue with: [bold]mlc train --resume {run.Path}[/]");
            return ExitCodes.Failure;
        }

        run.WriteLabels(data.Train.Labels.Names);

        EvaluationResult test;
        using (var scope = NewDisposeScope())
        {
            var thresholds = config.TuneThresholds ? TuneThresholds(trainer, valLoader, run) : Thresholds.Global(options.Threshold);
            var (targets, logits) = trainer.PredictLogits(testLoader);
            var probabilities = logits.sigmoid();
            test = MultiLabelMetrics.Evaluate(targets, probabilities, data.Test.Labels.Names, thresholds);
            RunReport.Write(run.Path, ReportInput.FromDataset(data.Test, targets, probabilities, thresholds, "Evaluation report: test split"));
        }

        var summary = new RunSummary(
            new TestMetrics(test.F1Micro, test.F1Macro, test.HammingLoss, test.SubsetAccuracy),
            Math.Round(clock.Elapsed.TotalSeconds, 2), trainer.Device.ToString(), trainer.CompletedEpochs, config.Seed,
            config.Model, data.Name, data.Train.Labels.Names, options.Threshold);
        run.WriteSummary(summary);
        MetricsTable.Write(console, $"Test split (weights of epoch {trainer.BestEpoch})", test);
        console.MarkupLineInterpolated($"Run folder: [link]{run.Path}[/] ({summary.Seconds:F1} s), report: {EvaluationReport.FileName}");
        return ExitCodes.Ok;
    }

    private static (TrainConfig Config, RunDirectory Run, bool Resuming) PrepareRun(TrainSettings settings)
    {
        if (settings.Resume is { } folder)
        {
            var given = settings.RunOptionsGiven();
            if (given.Count > 0)
            {
                throw new UsageException(
                    $"--resume continues with the settings saved in {Path.Combine(folder, RunDirectory.ConfigFile)}; " +
                    $"only --device and --quiet may be given with it (also given: {string.Join(", ", given)}).");
            }

            var config = TrainConfig.Read(folder);
            var run = OpenRunFolder(folder, "--resume");
            if (!File.Exists(run.FilePath(RunDirectory.CheckpointFile)))
            {
                throw new UsageException(
                    $"--resume: '{run.Path}' has no {RunDirectory.CheckpointFile}: the run stopped before its first epoch finished; start it again.");
            }

            return (config, run, true);
        }

        var fresh = settings.ToConfig();
        var runFolder = OpenRunFolder(settings.Out ?? RunDirectory.DefaultPath(Environment.CurrentDirectory, DateTime.Now), "--out");
        AtomicFile.WriteAllText(runFolder.FilePath(RunDirectory.ConfigFile), fresh.ToJson());
        return (fresh, runFolder, false);
    }

    private static RunDirectory OpenRunFolder(string path, string option)
    {
        try
        {
            return RunDirectory.Create(path);
        }
        catch (IOException ex)
        {
            throw new UsageException($"{option}: {ex.Message}", ex);
        }
    }

    /// <summary>Builds the configured model, with pretrained weights and a frozen backbone when asked for.</summary>
    internal static nn.Module<Tensor, Tensor> BuildModel(TrainConfig config, int numLabels)
    {
        var model = ModelCatalog.Create(new ModelOptions(config.Model, config.Width, config.Depth, config.Dropout), numLabels);
        try
        {
            if (config.Weights is { } weights)
            {
                PretrainedWeights.Load(model, weights);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
        {
            model.Dispose();
            throw new UsageException($"--weights: {ex.Message}", ex);
        }

        if (config.FreezeBackbone)
        {
            FineTuning.FreezeBackbone(model);
        }

        return model;
    }

    private static TrainingState ResumeFrom(Trainer trainer, RunDirectory run)
    {
        try
        {
            return trainer.Resume(run.FilePath(RunDirectory.CheckpointFile));
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"--resume: {ex.Message}", ex);
        }
    }

    /// <summary>Per-label F1-maximising thresholds on the validation split, saved as thresholds.json (read by predict, report, evaluate).</summary>
    private static Thresholds TuneThresholds(Trainer trainer, DataLoader valLoader, RunDirectory run)
    {
        using var scope = NewDisposeScope();
        var (targets, logits) = trainer.PredictLogits(valLoader);
        var tuned = ThresholdTuning.Tune(targets, logits, valLoader.Dataset.Labels.Names, ScoreKind.Logits);
        ThresholdsFile.Write(run.FilePath(ThresholdsFileName), tuned);
        return tuned.ToPerLabel();
    }

    /// <summary>File name of the tuned thresholds in a run folder.</summary>
    internal const string ThresholdsFileName = "thresholds.json";
}
