using System.Text.Json;
using MultiLabel.Models;
using static TorchSharp.torch;

namespace MultiLabel.Training.Callbacks;

/// <summary>
/// Tracks the monitored validation metric: an epoch that improves it is marked <see cref="EpochRecord.IsBest"/>, its
/// weights are kept (a CPU copy; with a run folder also written to <see cref="RunDirectory.ModelFile"/>), and at the
/// end of training they are put back into the model when asked. Added by the trainer; order 100.
/// </summary>
public sealed class BestWeights : TrainerCallback, ICheckpointedCallback, IDisposable
{
    private readonly MonitorMetric monitor;
    private readonly bool restoreAtEnd;
    private readonly RunDirectory? run;
    private Dictionary<string, Tensor>? weights;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The metric that decides which epoch is best.</param>
    /// <param name="restoreAtEnd">Put the best weights back into the model after the last epoch.</param>
    /// <param name="run">Where to write the best weights as they improve (null: memory only).</param>
    public BestWeights(MonitorMetric monitor, bool restoreAtEnd, RunDirectory? run)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        this.monitor = monitor;
        this.restoreAtEnd = restoreAtEnd;
        this.run = run;
    }

    /// <inheritdoc />
    public override int Order => 100;

    /// <summary>The best value of the metric so far (null: no epoch yet).</summary>
    public double? BestValue { get; private set; }

    /// <summary>The epoch of <see cref="BestValue"/> (0: none yet).</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc />
    public string StateKey => "best_weights";

    /// <inheritdoc />
    public override void AfterEpoch(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double value = monitor.ValueIn(context.Record);
        if (!monitor.Improves(value, BestValue))
        {
            return;
        }

        BestValue = value;
        BestEpoch = context.Epoch;
        context.Record = context.Record with { IsBest = true };
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (var scope = NewDisposeScope())
        {
            foreach (var (key, tensor) in context.Trainer.Model.state_dict())
            {
                copy[key] = tensor.detach().cpu().clone().DetachFromDisposeScope();
            }
        }

        Replace(copy);
        if (run is not null)
        {
            run.SaveModel(context.Trainer.Model);
            context.Trainer.OnCheckpointSaved(new CheckpointSaved(context.Epoch, CheckpointKind.Best, run.FilePath(RunDirectory.ModelFile)));
        }
    }

    /// <inheritdoc />
    public override void AfterFit(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!restoreAtEnd || weights is null)
        {
            return;
        }

        using var noGrad = no_grad();
        foreach (var (key, tensor) in context.Trainer.Model.state_dict())
        {
            tensor.copy_(weights[key]);
        }
    }

    /// <inheritdoc />
    public JsonElement SaveState() => JsonSerializer.SerializeToElement(new State(BestValue, BestEpoch));

    /// <inheritdoc />
    public void LoadState(JsonElement state, string runFolder)
    {
        var saved = state.Deserialize<State>() ?? new State(null, 0);
        BestValue = saved.BestValue;
        BestEpoch = saved.BestEpoch;
        var file = Path.Combine(runFolder, RunDirectory.ModelFile);
        if (BestEpoch > 0 && File.Exists(file))
        {
            Replace(StateDictFile.Read(file));
        }
    }

    /// <inheritdoc />
    public void Dispose() => Replace(null);

    private void Replace(Dictionary<string, Tensor>? next)
    {
        if (weights is not null)
        {
            foreach (var tensor in weights.Values)
            {
                tensor.Dispose();
            }
        }

        weights = next;
    }

    private sealed record State(double? BestValue, int BestEpoch);
}
