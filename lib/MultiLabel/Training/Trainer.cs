using System.Diagnostics;
using MultiLabel.Data;
using MultiLabel.Losses;
using MultiLabel.Metrics;
using MultiLabel.Models;
using MultiLabel.Runtime;
using TorchSharp;
using AdamW = TorchSharp.Modules.AdamW;
using DataLoader = MultiLabel.Data.DataLoader;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// Trains a multi-label model: AdamW with a one-cycle or cosine schedule, optional gradient clipping and parameter
/// groups, a dispose scope around every batch, validation after every epoch, the best epoch's weights kept,
/// early stopping, and (with a run folder) an atomic checkpoint after every epoch that <see cref="Resume"/> continues
/// from as if training had never stopped. It knows nothing of consoles or notebooks: it raises events
/// (<see cref="Started"/>, <see cref="BatchCompleted"/>, <see cref="EpochCompleted"/>, <see cref="CheckpointSaved"/>,
/// <see cref="EarlyStopped"/>, <see cref="Diverged"/>) which the CLI turns into a progress bar and a notebook into
/// a live chart.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly MultiLabelLoss loss;
    private readonly bool ownsLoss;
    private readonly RunDirectory? run;
    private readonly AdamW optimizer;
    private readonly double[] groupPeakRates;
    private readonly List<EpochRecord> history = [];
    private Dictionary<string, Tensor>? bestWeights;
    private TrainingState? resumed;
    private long step;
    private double? bestValue;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private bool stoppedEarly;

    /// <summary>Creates a trainer, moves the model and the loss to the chosen device and builds the optimizer.</summary>
    /// <param name="model">The model; trainable parameters are those with requires_grad (see <see cref="FineTuning"/>).</param>
    /// <param name="options">How to train.</param>
    /// <param name="loss">The loss (default: <see cref="BceLoss"/>); the caller keeps ownership of one it passes.</param>
    /// <param name="run">Where checkpoints, best weights and history go; null keeps everything in memory.</param>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options, MultiLabelLoss? loss = null, RunDirectory? run = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.model = model;
        this.run = run;
        Options = options;
        Device = TorchRuntime.ResolveDevice(options.Device);
        if (Device.type == DeviceType.CPU)
        {
            ConvolutionCheck.EnsureCorrectGradientsFor(model); // a oneDNN fault on some CPUs; see ConvolutionCheck
        }

        model.to(Device);
        ownsLoss = loss is null;
        this.loss = loss ?? new BceLoss();
        this.loss.to(Device);

        var groups = FineTuning.ParameterGroups(model, options.LearningRate, options.BackboneLearningRateFactor);
        if (groups.Count == 0)
        {
            throw new ArgumentException("The model has no trainable parameter (is everything frozen?).", nameof(model));
        }

        groupPeakRates = groups.Select(g => g.LearningRate).ToArray();
        optimizer = optim.AdamW(
            groups.Select(g => new AdamW.ParamGroup(g.Parameters, new AdamW.Options { LearningRate = g.LearningRate })).ToList(),
            lr: options.LearningRate,
            weight_decay: options.WeightDecay);
    }

    /// <summary>Raised once when <see cref="Fit"/> starts.</summary>
    public event EventHandler<TrainingStarted>? Started;

    /// <summary>Raised after every training batch.</summary>
    public event EventHandler<BatchProgress>? BatchCompleted;

    /// <summary>Raised after every epoch's validation and checkpoint.</summary>
    public event EventHandler<EpochRecord>? EpochCompleted;

    /// <summary>Raised after a checkpoint or the best weights were written.</summary>
    public event EventHandler<CheckpointSaved>? CheckpointSaved;

    /// <summary>Raised when early stopping ends the run.</summary>
    public event EventHandler<EarlyStopped>? EarlyStopped;

    /// <summary>Raised when the loss became NaN or infinite, before <see cref="TrainingDivergedException"/> is thrown.</summary>
    public event EventHandler<Diverged>? Diverged;

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The device the model lives on.</summary>
    public Device Device { get; }

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<EpochRecord> History => history;

    /// <summary>Epochs finished so far (after a resume: those of the checkpoint, too).</summary>
    public int CompletedEpochs => history.Count;

    /// <summary>The epoch whose weights are the best so far (0: none yet).</summary>
    public int BestEpoch => bestEpoch;

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

    /// <summary>
    /// Restores model, optimizer, schedule position, history, best metric and the CPU generator from a checkpoint
    /// written by this trainer (<see cref="RunDirectory.CheckpointFile"/>), so that <see cref="Fit"/> continues with
    /// the next epoch. The best weights are read from the run folder's <see cref="RunDirectory.ModelFile"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint does not fit this model or these options.</exception>
    public TrainingState Resume(string checkpointPath)
    {
        var state = Checkpoint.Load(checkpointPath, model, optimizer);
        if (state.Epochs != Options.Epochs || state.Seed != Options.Seed)
        {
            throw new InvalidDataException(
                $"Checkpoint '{checkpointPath}' is of a run with {state.Epochs} epochs and seed {state.Seed}, not {Options.Epochs} and {Options.Seed}.");
        }

        history.Clear();
        history.AddRange(state.History);
        step = state.Step;
        bestValue = state.BestValue;
        bestEpoch = state.BestEpoch;
        epochsWithoutImprovement = state.EpochsWithoutImprovement;
        stoppedEarly = state.StoppedEarly;
        using (var rng = tensor(state.RngState, ScalarType.Byte))
        {
            torch.random.set_rng_state(rng);
        }

        var bestFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!, RunDirectory.ModelFile);
        if (state.BestEpoch > 0 && File.Exists(bestFile))
        {
            ReplaceBest(StateDictFile.Read(bestFile));
        }

        resumed = state;
        return state;
    }

    /// <summary>
    /// Trains from the next unfinished epoch to <see cref="TrainerOptions.Epochs"/> (or until early stopping), then
    /// puts the best epoch's weights back when <see cref="TrainerOptions.RestoreBest"/> is set.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last checkpoint is left as it was.</exception>
    public IReadOnlyList<EpochRecord> Fit(DataLoader train, DataLoader validation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        if (train.BatchCount == 0)
        {
            throw new ArgumentException($"The training loader has no batch ({train.Dataset.Count} samples, batch size {train.BatchSize}).", nameof(train));
        }

        if (resumed is not null && resumed.BatchesPerEpoch != train.BatchCount)
        {
            throw new InvalidDataException(
                $"The checkpoint was written with {resumed.BatchesPerEpoch} batches per epoch, this loader has {train.BatchCount}: resume with the same data and batch size.");
        }

        long totalSteps = (long)Options.Epochs * train.BatchCount;
        Started?.Invoke(this, new TrainingStarted(CompletedEpochs + 1, Options.Epochs, train.BatchCount, Device.ToString(), resumed is not null));
        for (int epoch = CompletedEpochs + 1; epoch <= Options.Epochs && !stoppedEarly; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (trainLoss, imagesPerSecond) = TrainEpoch(train, epoch, totalSteps, cancellationToken);
            var (valLoss, metrics) = Validate(validation);
            var record = new EpochRecord(
                epoch, trainLoss, valLoss, metrics.F1Micro, metrics.F1Macro, metrics.HammingLoss,
                optimizer.ParamGroups.First().LearningRate, imagesPerSecond, 0, metrics.SubsetAccuracy, false, metrics);
            bool improved = Options.Monitor.Improves(Options.Monitor.ValueIn(record), bestValue);
            if (improved)
            {
                bestValue = Options.Monitor.ValueIn(record);
                bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                KeepBest(epoch);
            }
            else
            {
                epochsWithoutImprovement++;
            }

            stoppedEarly = Options.Patience is { } patience && epochsWithoutImprovement >= patience && epoch < Options.Epochs;
            record = record with { IsBest = improved, Seconds = clock.Elapsed.TotalSeconds };
            history.Add(record);
            SaveCheckpoint(epoch, train.BatchCount);
            EpochCompleted?.Invoke(this, record);
            if (stoppedEarly)
            {
                EarlyStopped?.Invoke(this, new EarlyStopped(epoch, Options.Monitor, bestValue!.Value, bestEpoch, Options.Patience!.Value));
            }
        }

        if (Options.RestoreBest && bestWeights is not null)
        {
            RestoreBestWeights();
        }

        return history;
    }

    /// <summary>Runs the model over a loader in evaluation mode: (targets [N,L], logits [N,L]) on the CPU, in loader order.</summary>
    public (Tensor Targets, Tensor Logits) PredictLogits(DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        model.eval();
        var targets = new List<Tensor>();
        var logits = new List<Tensor>();
        using var outer = NewDisposeScope();
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

    /// <inheritdoc />
    public void Dispose()
    {
        optimizer.Dispose();
        if (ownsLoss)
        {
            loss.Dispose();
        }

        DisposeBest();
    }

    private (double Loss, double ImagesPerSecond) TrainEpoch(DataLoader train, int epoch, long totalSteps, CancellationToken cancellationToken)
    {
        model.train();
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long images = 0;
        int batchIndex = 0;
        foreach (var batch in train.Epoch(epoch, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using (batch)
            {
                batchIndex++;
                double factor = LearningRateSchedule.Factor(Options.Schedule, step, totalSteps, Options.WarmupFraction);
                for (int g = 0; g < groupPeakRates.Length; g++)
                {
                    optimizer.ParamGroups.ElementAt(g).LearningRate = groupPeakRates[g] * factor;
                }

                optimizer.zero_grad();
                var value = loss.call(model.call(batch.Images.to(Device)), batch.Targets.to(Device));
                double lossValue = value.item<float>();
                if (!double.IsFinite(lossValue))
                {
                    StopDiverged(epoch, batchIndex, lossValue);
                }

                value.backward();
                if (Options.GradientClipNorm is { } clip)
                {
                    nn.utils.clip_grad_norm_(model.parameters().Where(p => p.requires_grad), clip);
                }

                optimizer.step();
                step++;
                lossSum += lossValue * batch.Size;
                images += batch.Size;
                BatchCompleted?.Invoke(this, new BatchProgress(
                    epoch, batchIndex, train.BatchCount, lossValue, images / clock.Elapsed.TotalSeconds, groupPeakRates[0] * factor, step - 1));
            }
        }

        return (lossSum / Math.Max(1, images), images / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Validation loss and metrics, batch by batch on the model's device (<see cref="StreamingMetrics"/>).</summary>
    private (double Loss, EvaluationResult Metrics) Validate(DataLoader loader)
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
                    lossSum += loss.call(logits, targets).item<float>() * batch.Size;
                    metrics.Update(targets, logits);
                }
            }
        }

        return (lossSum / Math.Max(1, metrics.SampleCount), metrics.Compute());
    }

    private void StopDiverged(int epoch, int batch, double value)
    {
        string? checkpoint = run is not null && File.Exists(run.FilePath(RunDirectory.CheckpointFile)) ? run.FilePath(RunDirectory.CheckpointFile) : null;
        Diverged?.Invoke(this, new Diverged(epoch, batch, value, checkpoint));
        string kept = checkpoint is null
            ? "No checkpoint was written yet."
            : $"The checkpoint of epoch {history.Count} is kept: {checkpoint}.";
        throw new TrainingDivergedException(
            $"The training loss became {value} at epoch {epoch}, batch {batch}: lower the learning rate " +
            $"(now {Options.LearningRate}), enable gradient clipping, or check the data for NaN values. {kept}");
    }

    private void KeepBest(int epoch)
    {
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (var scope = NewDisposeScope())
        {
            foreach (var (key, value) in model.state_dict())
            {
                copy[key] = value.detach().cpu().clone().DetachFromDisposeScope();
            }
        }

        ReplaceBest(copy);
        if (run is not null)
        {
            run.SaveModel(model);
            CheckpointSaved?.Invoke(this, new CheckpointSaved(epoch, CheckpointKind.Best, run.FilePath(RunDirectory.ModelFile)));
        }
    }

    private void ReplaceBest(Dictionary<string, Tensor> weights)
    {
        DisposeBest();
        bestWeights = weights;
    }

    private void RestoreBestWeights()
    {
        using var noGrad = torch.no_grad();
        foreach (var (key, value) in model.state_dict())
        {
            value.copy_(bestWeights![key]);
        }
    }

    private void SaveCheckpoint(int epoch, int batchesPerEpoch)
    {
        if (run is null)
        {
            return;
        }

        byte[] rng;
        using (var state = torch.random.get_rng_state())
        {
            rng = state.data<byte>().ToArray();
        }

        var trainingState = new TrainingState(
            epoch, step, bestValue, bestEpoch, epochsWithoutImprovement, stoppedEarly, history.ToList(), rng,
            Options.Epochs, batchesPerEpoch, Options.Seed);
        var path = run.FilePath(RunDirectory.CheckpointFile);
        Checkpoint.Save(path, model, optimizer, trainingState);
        run.WriteHistory(history);
        CheckpointSaved?.Invoke(this, new CheckpointSaved(epoch, CheckpointKind.Last, path));
    }

    private void DisposeBest()
    {
        if (bestWeights is null)
        {
            return;
        }

        foreach (var t in bestWeights.Values)
        {
            t.Dispose();
        }

        bestWeights = null;
    }
}
