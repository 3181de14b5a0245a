using System.Text.Json;

namespace MultiLabel.Training.Callbacks;

/// <summary>
/// Ends training when the monitored validation metric has not improved for <see cref="Patience"/> epochs (never
/// after the last planned epoch), and raises <see cref="Trainer.EarlyStopped"/>. Added by the trainer when
/// <see cref="TrainerOptions.Patience"/> is set; order 200, after <see cref="BestWeights"/>.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class EarlyStopping : TrainerCallback, ICheckpointedCallback
{
    private readonly MonitorMetric monitor;
    private double? best;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private bool stopped;
    private EarlyStopped? stopInThisFit;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The metric watched.</param>
    /// <param name="patience">Epochs without improvement allowed, at least 1.</param>
    public EarlyStopping(MonitorMetric monitor, int patience)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        this.monitor = monitor;
        Patience = patience;
    }

    /// <summary>Epochs without improvement allowed.</summary>
    public int Patience { get; }

    /// <inheritdoc />
    public override int Order => 200;

    /// <inheritdoc />
    public string StateKey => "early_stopping";

    /// <inheritdoc />
    public override void BeforeFit(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        stopInThisFit = null;
        if (stopped)
        {
            context.RequestStop("the run had already stopped early");
        }
    }

    /// <inheritdoc />
    public override void AfterEpoch(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double value = monitor.ValueIn(context.Record);
        if (monitor.Improves(value, best))
        {
            best = value;
            bestEpoch = context.Epoch;
            epochsWithoutImprovement = 0;
            return;
        }

        epochsWithoutImprovement++;
        if (epochsWithoutImprovement >= Patience && context.Epoch < context.Trainer.Options.Epochs)
        {
            stopped = true;
            stopInThisFit = new EarlyStopped(context.Epoch, monitor, best!.Value, bestEpoch, Patience);
            context.RequestStop($"{monitor} has not improved for {Patience} epochs");
        }
    }

    /// <inheritdoc />
    public override void AfterFit(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (stopInThisFit is { } e)
        {
            context.Trainer.OnEarlyStopped(e); // after the last epoch's EpochCompleted, so a log reads in order
        }
    }

    /// <inheritdoc />
    public JsonElement SaveState() => JsonSerializer.SerializeToElement(new State(best, bestEpoch, epochsWithoutImprovement, stopped));

    /// <inheritdoc />
    public void LoadState(JsonElement state, string runFolder)
    {
        var saved = state.Deserialize<State>() ?? new State(null, 0, 0, false);
        (best, bestEpoch, epochsWithoutImprovement, stopped) = (saved.Best, saved.BestEpoch, saved.EpochsWithoutImprovement, saved.Stopped);
    }

    private sealed record State(double? Best, int BestEpoch, int EpochsWithoutImprovement, bool Stopped);
}
