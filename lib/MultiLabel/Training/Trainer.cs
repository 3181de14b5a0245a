using System.Diagnostics;
using System.Text.Json;
using MultiLabel.Data;
using MultiLabel.Losses;
using MultiLabel.Metrics;
using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Training.Callbacks;
using TorchSharp;
using AdamW = TorchSharp.Modules.AdamW;
using DataLoader = MultiLabel.Data.DataLoader;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// Trains a multi-label model with AdamW: a dispose scope around every batch, validation after every epoch, and
/// <see cref="TrainerCallback"/>s for everything else. From its options it adds the learning-rate schedule,
/// gradient clipping, best-weights tracking, early stopping and (with a run folder) an atomic checkpoint after every
/// epoch that <see cref="Resume"/> continues from as if training had never stopped; more callbacks can be added
/// (<see cref="Add"/>). It knows nothing of consoles or notebooks: it raises events (<see cref="Started"/>,
/// <see cref="BatchCompleted"/>, <see cref="EpochCompleted"/>, <see cref="CheckpointSaved"/>,
/// <see cref="EarlyStopped"/>, <see cref="Diverged"/>) which the CLI turns into a progress bar and a notebook into
/// a live chart.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly MultiLabelLoss loss;
    private readonly bool ownsLoss;
    private readonly AdamW optimizer;
    private readonly MixedPrecision? precision;
    private readonly List<TrainerCallback> callbacks = [];
    private readonly List<IDisposable> owned = [];
    private readonly List<EpochRecord> history = [];
    private TrainingState? resumed;
    private long step;

    /// <summary>Creates a trainer, moves the model and the loss to the chosen device and builds the optimizer.</summary>
    /// <param name="model">The model; trainable parameters are those with requires_grad (see <see cref="FineTuning"/>).</param>
    /// <param name="options">How to train.</param>
    /// <param name="loss">The loss (default: <see cref="BceLoss"/>); the caller keeps ownership of one it passes.</param>
    /// <param name="run">Where checkpoints, best weights and history go; null keeps everything in memory.</param>
    /// <param name="callbacks">Callbacks beyond those the options imply (the caller keeps ownership).</param>
    /// <param name="replica">
    /// Builds a fresh model of the same architecture: the copy that computes in bf16 or fp16 when
    /// <see cref="TrainerOptions.Precision"/> asks for it (its random initialisation does not change the run's random numbers).
    /// </param>
    /// <exception cref="PrecisionUnavailableException">The device cannot compute in the precision the options ask for.</exception>
    public Trainer(
        nn.Module<Tensor, Tensor> model,
        TrainerOptions options,
        MultiLabelLoss? loss = null,
        RunDirectory? run = null,
        IEnumerable<TrainerCallback>? callbacks = null,
        Func<nn.Module<Tensor, Tensor>>? replica = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.model = model;
        Run = run;
        Options = options;
        Device = TorchRuntime.ResolveDevice(options.Device);
        if (Device.type == DeviceType.CPU)
        {
            ConvolutionCheck.EnsureCorrectGradientsFor(model); // a oneDNN fault on some CPUs; see ConvolutionCheck
        }

        model.to(Device);
        ComputeType = options.Precision.ComputeType(Device);
        if (ComputeType is { } low)
        {
            // channels-last pays in bf16 on CPU, not in fp32: measured by `mlc bench precision` (docs/benchmarks.md)
            precision = new MixedPrecision(model, BuildReplica(replica, options.Precision), low, Device, channelsLast: ChannelsLast.HasConvolutions(model));
        }

        ownsLoss = loss is null;
        this.loss = loss ?? new BceLoss();
        this.loss.to(Device);

        var groups = FineTuning.ParameterGroups(model, options.LearningRate, options.BackboneLearningRateFactor);
        if (groups.Count == 0)
        {
            throw new ArgumentException("The model has no trainable parameter (is everything frozen?).", nameof(model));
        }

        PeakLearningRates = groups.Select(g => g.LearningRate).ToArray();
        optimizer = optim.AdamW(
            groups.Select(g => new AdamW.ParamGroup(g.Parameters, new AdamW.Options { LearningRate = g.LearningRate })).ToList(),
            lr: options.LearningRate,
            weight_decay: options.WeightDecay);

        foreach (var callback in DefaultCallbacks(options, run))
        {
            Add(callback);
            if (callback is IDisposable disposable)
            {
                owned.Add(disposable);
            }
        }

        foreach (var callback in callbacks ?? [])
        {
            Add(callback);
        }
    }

    /// <summary>Raised once when <see cref="Fit"/> starts.</summary>
    public event EventHandler<TrainingStarted>? Started;

    /// <summary>Raised after every training batch.</summary>
    public event EventHandler<BatchProgress>? BatchCompleted;

    /// <summary>Raised after every epoch's validation, callbacks and checkpoint.</summary>
    public event EventHandler<EpochRecord>? EpochCompleted;

    /// <summary>Raised after a checkpoint or the best weights were written.</summary>
    public event EventHandler<CheckpointSaved>? CheckpointSaved;

    /// <summary>Raised when early stopping ended the run, after the last epoch's <see cref="EpochCompleted"/>.</summary>
    public event EventHandler<EarlyStopped>? EarlyStopped;

    /// <summary>Raised when the loss became NaN or infinite, before <see cref="TrainingDivergedException"/> is thrown.</summary>
    public event EventHandler<Diverged>? Diverged;

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The device the model lives on.</summary>
    public Device Device { get; }

    /// <summary>The type the forward and backward pass compute in: null for float32, else BFloat16 or Float16.</summary>
    public ScalarType? ComputeType { get; }

    /// <summary>The mixed-precision machinery (the low-precision replica, the loss scale), or null in float32.</summary>
    public MixedPrecision? MixedPrecision => precision;

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model => model;

    /// <summary>The optimizer (AdamW; one parameter group per <see cref="FineTuning.ParameterGroups"/> group).</summary>
    public AdamW Optimizer => optimizer;

    /// <summary>Each parameter group's peak learning rate, in the optimizer's group order.</summary>
    public IReadOnlyList<double> PeakLearningRates { get; }

    /// <summary>The run folder, or null when training in memory.</summary>
    public RunDirectory? Run { get; }

    /// <summary>The callbacks in the order they run.</summary>
    public IReadOnlyList<TrainerCallback> Callbacks => callbacks;

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<EpochRecord> History => history;

    /// <summary>Epochs finished so far (after a resume: those of the checkpoint, too).</summary>
    public int CompletedEpochs => history.Count;

    /// <summary>The epoch whose weights are the best so far (0: none yet).</summary>
    public int BestEpoch => history.LastOrDefault(r => r.IsBest)?.Epoch ?? 0;

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

    /// <summary>Adds a callback (before <see cref="Fit"/>); callbacks run by <see cref="TrainerCallback.Order"/>, then in the order added.</summary>
    public void Add(TrainerCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        int at = callbacks.FindLastIndex(c => c.Order <= callback.Order) + 1;
        callbacks.Insert(at, callback);
    }

    /// <summary>
    /// Trains from the next unfinished epoch to <see cref="TrainerOptions.Epochs"/>, or until a callback requests a
    /// stop (early stopping). The loop, top to bottom: for each epoch, train on every batch (<see cref="TrainBatch"/>),
    /// validate, record, let the callbacks act (best weights, early stopping, checkpoint), report.
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

        var context = new TrainingContext(this, train, validation, history, step);
        Each(c => c.BeforeFit(context));
        Started?.Invoke(this, new TrainingStarted(CompletedEpochs + 1, Options.Epochs, train.BatchCount, Device.ToString(), resumed is not null));
        for (int epoch = CompletedEpochs + 1; epoch <= Options.Epochs && !context.StopRequested; epoch++)
        {
            var clock = Stopwatch.StartNew();
            context.Epoch = epoch;
            context.Batch = 0;
            Each(c => c.BeforeEpoch(context));
            var (trainLoss, imagesPerSecond) = TrainEpoch(context, cancellationToken);
            var (valLoss, metrics) = Validate(validation);
            history.Add(new EpochRecord(
                epoch, trainLoss, valLoss, metrics.F1Micro, metrics.F1Macro, metrics.HammingLoss,
                optimizer.ParamGroups.First().LearningRate, imagesPerSecond, clock.Elapsed.TotalSeconds, metrics.SubsetAccuracy, false, metrics));
            Each(c => c.AfterEpoch(context)); // best weights, early stopping, then the checkpoint
            EpochCompleted?.Invoke(this, history[^1]);
        }

        Each(c => c.AfterFit(context)); // the best weights go back into the model
        return history;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        optimizer.Dispose();
        precision?.Dispose();
        if (ownsLoss)
        {
            loss.Dispose();
        }

        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }
    }

    internal void OnCheckpointSaved(CheckpointSaved saved) => CheckpointSaved?.Invoke(this, saved);

    internal void OnEarlyStopped(EarlyStopped stopped) => EarlyStopped?.Invoke(this, stopped);

    private static IEnumerable<TrainerCallback> DefaultCallbacks(TrainerOptions options, RunDirectory? run)
    {
        yield return new LearningRateScheduling();
        if (options.GradientClipNorm is { } clip)
        {
            yield return new GradientClipping(clip);
        }

        yield return new BestWeights(options.Monitor, options.RestoreBest, run);
        if (options.Patience is { } patience)
        {
            yield return new EarlyStopping(options.Monitor, patience);
        }

        if (run is not null)
        {
            yield return new Checkpointing(run);
        }
    }

    private static nn.Module<Tensor, Tensor> BuildReplica(Func<nn.Module<Tensor, Tensor>>? factory, PrecisionKind kind)
    {
        if (factory is null)
        {
            throw new ArgumentException(
                $"Precision {kind} trains a second, low-precision copy of the model: pass the trainer a replica factory (a function that builds the same architecture).",
                nameof(factory));
        }

        using var rng = get_rng_state();
        try
        {
            return factory(); // its random initial weights are overwritten by the master's
        }
        finally
        {
            set_rng_state(rng); // so a bf16 run draws the same random numbers after this as an fp32 one
        }
    }

    private (double Loss, double ImagesPerSecond) TrainEpoch(TrainingContext context, CancellationToken cancellationToken)
    {
        model.train();
        precision?.SyncFromMaster(); // after a resume, a restore of the best weights or anything else that set the master
        using (NewDisposeScope())
        {
            optimizer.zero_grad(); // zero_grad hands back new tensor wrappers: free them now
        }

        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long images = 0;
        foreach (var batch in context.TrainLoader.Epoch(context.Epoch, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using (batch)
            {
                long batchStep = context.Step;
                double lossValue = TrainBatch(context, batch);
                lossSum += lossValue * batch.Size;
                images += batch.Size;
                BatchCompleted?.Invoke(this, new BatchProgress(
                    context.Epoch, context.Batch, context.BatchCount, lossValue, images / clock.Elapsed.TotalSeconds,
                    optimizer.ParamGroups.First().LearningRate, batchStep));
            }
        }

        step = context.Step;
        return (lossSum / Math.Max(1, images), images / clock.Elapsed.TotalSeconds);
    }

    /// <summary>One batch: forward, loss, backward, step, with the callbacks in between; returns the batch's loss.</summary>
    private double TrainBatch(TrainingContext context, Batch batch)
    {
        context.BeginBatch(batch);
        Each(c => c.BeforeBatch(context)); // the learning rate of this step
        var images = batch.Images.to(Device);
        context.Logits = precision is null ? model.call(images) : precision.Forward(images); // float32 logits either way
        context.Loss = loss.call(context.Logits, batch.Targets.to(Device));
        double lossValue = context.Loss.item<float>();
        if (!double.IsFinite(lossValue))
        {
            StopDiverged(context.Epoch, context.Batch, lossValue);
        }

        Each(c => c.AfterLoss(context)); // a callback may replace the loss (e.g. divide it for accumulation)
        Backward(context);
        Each(c => c.BeforeStep(context)); // gradient clipping; a callback may skip the step
        if (!context.SkipStep)
        {
            optimizer.step();
            optimizer.zero_grad();
            context.Step++;
        }

        Each(c => c.AfterBatch(context));
        context.EndBatch();
        return lossValue;
    }

    /// <summary>backward; in mixed precision through the replica, whose gradients then go to the master in float32.</summary>
    private void Backward(TrainingContext context)
    {
        if (precision is null)
        {
            context.Loss!.backward();
            return;
        }

        var scaler = precision.Scaler;
        (scaler is null ? context.Loss! : context.Loss! * scaler.Scale).backward();
        bool finite = precision.MoveGradientsToMaster();
        if (scaler is not null)
        {
            scaler.Update(finite);
            if (!finite)
            {
                optimizer.zero_grad(); // float16 overflowed: skip this step, with a lower scale next time
                context.SkipStep = true;
            }
        }
    }

    private void Each(Action<TrainerCallback> moment)
    {
        foreach (var callback in callbacks)
        {
            moment(callback);
        }
    }

    private void StopDiverged(int epoch, int batch, double value)
    {
        string? checkpoint = Run is not null && File.Exists(Run.FilePath(RunDirectory.CheckpointFile)) ? Run.FilePath(RunDirectory.CheckpointFile) : null;
        Diverged?.Invoke(this, new Diverged(epoch, batch, value, checkpoint));
        string kept = checkpoint is null
            ? "No checkpoint was written yet."
            : $"The checkpoint of epoch {history.Count} is kept: {checkpoint}.";
        throw new TrainingDivergedException(
            $"The training loss became {value} at epoch {epoch}, batch {batch}: lower the learning rate " +
            $"(now {Options.LearningRate}), enable gradient clipping, or check the data for NaN values. {kept}");
    }
}
