using System.Diagnostics;
using MultiLabel.Data;
using MultiLabel.Metrics;
using MultiLabel.Training;
using MultiLabel.Viz;
using static TorchSharp.torch;
using DataLoader = MultiLabel.Data.DataLoader;

namespace MultiLabel.Models.Pretraining;

/// <summary>One side of a <see cref="TransferComparison"/>.</summary>
/// <param name="Name">"scratch" or "pretrained".</param>
/// <param name="History">One record per epoch (the pretrained run's phases numbered on, 1 .. total epochs).</param>
/// <param name="Val">Metrics of the restored best epoch on the validation images.</param>
/// <param name="Test">Metrics of the restored best epoch on the test images.</param>
/// <param name="Seconds">Wall time of the run, training, validation and the final evaluation included.</param>
public sealed record TransferRun(string Name, IReadOnlyList<EpochRecord> History, EvaluationResult Val, EvaluationResult Test, double Seconds);

/// <summary>Both runs of a comparison with the settings they shared.</summary>
/// <param name="Options">The shared settings.</param>
/// <param name="Scratch">The network trained from random weights for <see cref="TransferComparisonOptions.TotalEpochs"/> epochs.</param>
/// <param name="Pretrained">The network started from the pretrained backbone with a new head: head only, then everything.</param>
/// <param name="Weights">What the pretrained run loaded (the head is skipped).</param>
public sealed record TransferResult(TransferComparisonOptions Options, TransferRun Scratch, TransferRun Pretrained, WeightLoadReport Weights);

/// <summary>
/// Transfer learning measured: the same network, on the same few labelled target images, with the same seed and
/// epoch budget, (a) from scratch and (b) from a pretrained backbone with a new head, first trained alone with the
/// backbone frozen (<see cref="FineTuning.FreezeBackbone"/>), then with everything unfrozen and the backbone at a
/// smaller learning rate (<see cref="TrainerOptions.BackboneLearningRateFactor"/>). Both use the multi-label
/// <see cref="Trainer"/> (each phase its own one-cycle schedule; the best epoch by validation micro-F1 is kept) and are
/// evaluated on the validation and test splits. Works for any <see cref="IMultiLabelModel"/> and its weight file:
/// <see cref="MiniResNet"/> with <see cref="PretrainedBackbones.MiniResNetShapes"/>, or <see cref="ResNetClassifier"/>
/// with torchvision's ImageNet ResNet-18.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class TransferComparison
{
    /// <summary>Runs both sides and returns their histories and final metrics.</summary>
    /// <param name="data">The target task (e.g. <c>DatasetCatalog.Load(new DataSourceOptions("shapes"))</c>).</param>
    /// <param name="createModel">Builds the network for a number of labels; called once per run.</param>
    /// <param name="weightsPath">The pretrained weights (see <see cref="PretrainedWeights.Load"/>).</param>
    /// <param name="options">The shared settings.</param>
    /// <param name="epochCompleted">Called after every epoch with the run's name ("scratch" or "pretrained") and its record.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static TransferResult Run(
        DataSplits data,
        Func<int, nn.Module<Tensor, Tensor>> createModel,
        string weightsPath,
        TransferComparisonOptions options,
        Action<string, EpochRecord>? epochCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(weightsPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loaders = new Loaders(data, options);

        var scratch = Measure("scratch", options, loaders, createModel, model =>
        {
            using var trainer = new Trainer(model, TrainerOptionsFor(options, options.TotalEpochs));
            Follow(trainer, "scratch", 0, epochCompleted);
            return [.. trainer.Fit(loaders.Train, loaders.Val, cancellationToken)];
        });

        WeightLoadReport? weights = null;
        var pretrained = Measure("pretrained", options, loaders, createModel, model =>
        {
            weights = PretrainedWeights.Load(model, weightsPath);
            var history = new List<EpochRecord>();
            if (options.HeadEpochs > 0)
            {
                FineTuning.FreezeBackbone(model);
                using var head = new Trainer(model, TrainerOptionsFor(options, options.HeadEpochs));
                Follow(head, "pretrained", 0, epochCompleted);
                history.AddRange(head.Fit(loaders.Train, loaders.Val, cancellationToken));
            }

            FineTuning.Unfreeze(model);
            var all = TrainerOptionsFor(options, options.FineTuneEpochs) with { BackboneLearningRateFactor = options.BackboneLearningRateFactor };
            using var full = new Trainer(model, all);
            Follow(full, "pretrained", options.HeadEpochs, epochCompleted);
            history.AddRange(full.Fit(loaders.Train, loaders.Val, cancellationToken).Select(r => r with { Epoch = r.Epoch + options.HeadEpochs }));
            return history;
        });

        return new TransferResult(options, scratch, pretrained, weights!);
    }

    /// <summary>
    /// Validation micro-F1 and macro-F1 per epoch of both runs, on one chart (the pretrained run's head-only epochs
    /// come first): the picture of what the pretrained start buys.
    /// </summary>
    public static Figure Chart(TransferResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var figure = new Figure($"{result.Options.TrainImages} labelled images: from scratch vs from the pretrained backbone")
            .XAxis("epoch").YAxis("validation F1", min: 0, max: 1);
        foreach (var run in new[] { result.Scratch, result.Pretrained })
        {
            var epochs = run.History.Select(e => (double)e.Epoch).ToList();
            figure.AddLine(epochs, run.History.Select(e => e.ValF1Micro), $"{run.Name}, micro-F1", markers: true);
            figure.AddLine(epochs, run.History.Select(e => e.ValF1Macro), $"{run.Name}, macro-F1", dash: "dot");
        }

        return result.Options.HeadEpochs > 0 ? figure.AddVerticalLine(result.Options.HeadEpochs + 0.5, "backbone unfrozen") : figure;
    }

    private static TrainerOptions TrainerOptionsFor(TransferComparisonOptions options, int epochs) =>
        new(Epochs: epochs, LearningRate: options.LearningRate, Seed: options.Seed, Device: options.Device);

    private static void Follow(Trainer trainer, string name, int epochOffset, Action<string, EpochRecord>? report)
    {
        if (report is not null)
        {
            trainer.EpochCompleted += (_, record) => report(name, record with { Epoch = record.Epoch + epochOffset });
        }
    }

    /// <summary>Seeds, builds the model, trains it with <paramref name="train"/>, then evaluates the restored best epoch.</summary>
    private static TransferRun Measure(
        string name,
        TransferComparisonOptions options,
        Loaders loaders,
        Func<int, nn.Module<Tensor, Tensor>> createModel,
        Func<nn.Module<Tensor, Tensor>, List<EpochRecord>> train)
    {
        var clock = Stopwatch.StartNew();
        Trainer.Seed(options.Seed);
        using var model = createModel(loaders.Labels.Count);
        var history = train(model);

        // A trainer that is never fitted only predicts: the model as it stands, on its device.
        using var evaluator = new Trainer(model, TrainerOptionsFor(options, 1));
        var val = Evaluate(evaluator, loaders.Val, loaders.Labels);
        var test = Evaluate(evaluator, loaders.Test, loaders.Labels);
        return new TransferRun(name, history, val, test, clock.Elapsed.TotalSeconds);
    }

    private static EvaluationResult Evaluate(Trainer trainer, DataLoader loader, LabelVocabulary labels)
    {
        using var scope = NewDisposeScope();
        var (targets, logits) = trainer.PredictLogits(loader);
        return MultiLabelMetrics.Evaluate(targets, logits, labels.Names, Thresholds.Global(0.5), ScoreKind.Logits);
    }

    /// <summary>The three loaders both runs share.</summary>
    private sealed class Loaders
    {
        public Loaders(DataSplits data, TransferComparisonOptions options)
        {
            var subset = SubsetDataset.Sample(data.Train, options.TrainImages, options.Seed);
            IImageDataset val = data.Val, test = data.Test;
            if (options.EvaluationImages is { } n)
            {
                val = SubsetDataset.Sample(data.Val, n, options.Seed);
                test = SubsetDataset.Sample(data.Test, n, options.Seed);
            }

            Labels = data.Labels;
            // One worker: each training step runs in the loader's no-GC region (see DataLoader); batches are the same.
            Train = new DataLoader(subset, options.BatchSize, shuffle: true, seed: options.Seed, dropLast: true, transform: options.Augment ? data.TrainTransform : null, workers: 1);
            Val = new DataLoader(val, 128, shuffle: false, transform: data.EvalTransform);
            Test = new DataLoader(test, 128, shuffle: false, transform: data.EvalTransform);
        }

        public LabelVocabulary Labels { get; }

        public DataLoader Train { get; }

        public DataLoader Val { get; }

        public DataLoader Test { get; }
    }
}
