using MultiLabel.Data;
using static TorchSharp.torch;

namespace MultiLabel.Training.Callbacks;

/// <summary>
/// What <see cref="Trainer.Fit"/> is doing right now, handed to every <see cref="TrainerCallback"/>: the trainer, the
/// loaders, the position (epoch, batch, optimizer step) and the current batch's tensors; the settable members are
/// how a callback acts on the loop. Tensors (<see cref="Logits"/>, <see cref="Loss"/>) live only during their batch.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class TrainingContext
{
    private readonly List<EpochRecord> history;
    private Tensor? loss;

    internal TrainingContext(Trainer trainer, DataLoader train, DataLoader validation, List<EpochRecord> history, long step)
    {
        Trainer = trainer;
        TrainLoader = train;
        ValidationLoader = validation;
        this.history = history;
        Step = step;
        StepsPerEpoch = train.BatchCount;
    }

    /// <summary>The trainer (its model, optimizer, options and device).</summary>
    public Trainer Trainer { get; }

    /// <summary>The training loader.</summary>
    public DataLoader TrainLoader { get; }

    /// <summary>The validation loader.</summary>
    public DataLoader ValidationLoader { get; }

    /// <summary>The 1-based epoch running (0 before the first).</summary>
    public int Epoch { get; internal set; }

    /// <summary>The 1-based batch within the epoch (0 between epochs).</summary>
    public int Batch { get; internal set; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => TrainLoader.BatchCount;

    /// <summary>True during the epoch's last batch.</summary>
    public bool IsLastBatch => Batch == BatchCount;

    /// <summary>Optimizer steps taken so far in the whole run (the schedule's position).</summary>
    public long Step { get; internal set; }

    /// <summary>
    /// Optimizer steps per epoch (the batch count unless a callback changes it in <see cref="TrainerCallback.BeforeFit"/>,
    /// as <see cref="GradientAccumulation"/> does); <see cref="TotalSteps"/> follows from it.
    /// </summary>
    public int StepsPerEpoch { get; set; }

    /// <summary>Planned optimizer steps of the whole run: epochs x <see cref="StepsPerEpoch"/>.</summary>
    public long TotalSteps => (long)Trainer.Options.Epochs * StepsPerEpoch;

    /// <summary>The batch being trained on (null between batches).</summary>
    public Batch? CurrentBatch { get; internal set; }

    /// <summary>The model's outputs for <see cref="CurrentBatch"/> (set after the forward pass).</summary>
    public Tensor? Logits { get; internal set; }

    /// <summary>The loss of the batch; <see cref="TrainerCallback.AfterLoss"/> may replace it (the replacement is what <c>backward</c> uses).</summary>
    public Tensor? Loss
    {
        get => loss;
        set => loss = value ?? throw new ArgumentNullException(nameof(value), "The loss cannot be removed, only replaced.");
    }

    /// <summary>Set in <see cref="TrainerCallback.BeforeStep"/> to leave the optimizer step out (the gradients are then kept and added to).</summary>
    public bool SkipStep { get; set; }

    /// <summary>The finished epochs' records.</summary>
    public IReadOnlyList<EpochRecord> History => history;

    /// <summary>
    /// In <see cref="TrainerCallback.AfterEpoch"/>: this epoch's record (the last of <see cref="History"/>); a callback
    /// may replace it with an amended copy (<c>context.Record = context.Record with { IsBest = true }</c>).
    /// </summary>
    public EpochRecord Record
    {
        get => history.Count > 0 && history[^1].Epoch == Epoch ? history[^1] : throw new InvalidOperationException("No epoch record yet: read it in AfterEpoch.");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _ = Record;
            history[^1] = value;
        }
    }

    /// <summary>True once a callback asked training to end after the current epoch.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Why training was asked to stop (null: it was not).</summary>
    public string? StopReason { get; private set; }

    /// <summary>Ends training after the current epoch (validation, callbacks and checkpoint still run).</summary>
    public void RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        StopReason ??= reason;
        StopRequested = true;
    }

    internal void BeginBatch(Batch batch)
    {
        Batch++;
        CurrentBatch = batch;
        SkipStep = false;
        Logits = null;
        loss = null;
    }

    internal void EndBatch()
    {
        CurrentBatch = null;
        Logits = null;
        loss = null;
    }
}
