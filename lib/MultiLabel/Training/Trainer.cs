using System.Diagnostics;
using MultiLabel.Data;
using MultiLabel.Metrics;
using MultiLabel.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// Trains a multi-label model with binary cross-entropy on logits, AdamW and a one-cycle schedule, validating
/// after every epoch. It knows nothing of consoles or notebooks: it raises <see cref="BatchCompleted"/> and
/// <see cref="EpochCompleted"/>, which the CLI turns into a progress bar and a notebook into a live chart.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class Trainer
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly List<EpochRecord> history = [];

    /// <summary>Creates a trainer and moves the model to the chosen device.</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.model = model;
        Options = options;
        Device = TorchRuntime.ResolveDevice(options.Device);
        model.to(Device);
    }

    /// <summary>Raised after every training batch.</summary>
    public event EventHandler<BatchProgress>? BatchCompleted;

    /// <summary>Raised after every epoch's validation.</summary>
    public event EventHandler<EpochRecord>? EpochCompleted;

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The device the model lives on.</summary>
    public Device Device { get; }

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<EpochRecord> History => history;

    /// <summary>Seeds TorchSharp's global generators (CPU and CUDA); call before building the model.</summary>
    public static void Seed(long seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>Trains for <see cref="TrainerOptions.Epochs"/> epochs.</summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public IReadOnlyList<EpochRecord> Fit(DataLoader train, DataLoader validation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        using var lossFunction = nn.BCEWithLogitsLoss();
        using var optimizer = optim.AdamW(model.parameters(), lr: Options.LearningRate, weight_decay: Options.WeightDecay);
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, max_lr: Options.LearningRate, total_steps: Options.Epochs * train.BatchCount);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            double lossSum = 0;
            long images = 0;
            int batchIndex = 0;
            foreach (var batch in train.Epoch(epoch, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using (batch)
                {
                    var x = batch.Images.to(Device);
                    var y = batch.Targets.to(Device);
                    optimizer.zero_grad();
                    var loss = lossFunction.call(model.call(x), y);
                    loss.backward();
                    optimizer.step();
                    schedule.step();
                    double value = loss.item<float>();
                    if (!double.IsFinite(value))
                    {
                        throw new TrainingDivergedException(
                            $"The training loss became {value} at epoch {epoch}, batch {batchIndex + 1}: lower the learning rate " +
                            $"(now {Options.LearningRate}) or check the data for NaN values.");
                    }

                    lossSum += value * batch.Size;
                    images += batch.Size;
                    batchIndex++;
                    BatchCompleted?.Invoke(this, new BatchProgress(epoch, batchIndex, train.BatchCount, value, images / clock.Elapsed.TotalSeconds));
                }
            }

            double imagesPerSecond = images / clock.Elapsed.TotalSeconds;
            var (valLoss, metrics) = Validate(validation, lossFunction);
            var record = new EpochRecord(
                epoch, lossSum / Math.Max(1, images), valLoss, metrics.F1Micro, metrics.F1Macro, metrics.HammingLoss,
                optimizer.ParamGroups.First().LearningRate, imagesPerSecond, clock.Elapsed.TotalSeconds);
            history.Add(record);
            EpochCompleted?.Invoke(this, record);
        }

        return history;
    }

    /// <summary>Validation loss and metrics, batch by batch on the model's device (<see cref="StreamingMetrics"/>).</summary>
    private (double Loss, EvaluationResult Metrics) Validate(DataLoader loader, nn.Module<Tensor, Tensor, Tensor> lossFunction)
    {
        model.eval();
        using var metrics = new StreamingMetrics(loader.Dataset.Labels.Names, Thresholds.Global(Options.Threshold), ScoreKind.Logits);
        double lossSum = 0;
        using (torch.no_grad())
        {
            foreach (var batch in loader.Epoch(0))
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    var logits = model.call(batch.Images.to(Device));
                    var targets = batch.Targets.to(Device);
                    lossSum += lossFunction.call(logits, targets).item<float>() * batch.Size;
                    metrics.Update(targets, logits);
                }
            }
        }

        return (lossSum / Math.Max(1, metrics.SampleCount), metrics.Compute());
    }

    /// <summary>Runs the model over a loader in evaluation mode: (targets [N,L], logits [N,L]) on the CPU, in loader order.</summary>
    public (Tensor Targets, Tensor Logits) PredictLogits(DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        model.eval();
        var targets = new List<Tensor>();
        var logits = new List<Tensor>();
        using (var outer = NewDisposeScope())
        {
            using var noGrad = torch.no_grad();
            foreach (var batch in loader.Epoch(0))
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    logits.Add(model.call(batch.Images.to(Device)).cpu().MoveToOuterDisposeScope());
                    targets.Add(batch.Targets.clone().MoveToOuterDisposeScope());
                }
            }

            var allTargets = targets.Count == 0 ? zeros(0, loader.Dataset.Labels.Count) : cat(targets, 0);
            var allLogits = logits.Count == 0 ? zeros(0, loader.Dataset.Labels.Count) : cat(logits, 0);
            return (allTargets.MoveToOuterDisposeScope(), allLogits.MoveToOuterDisposeScope());
        }
    }
}
