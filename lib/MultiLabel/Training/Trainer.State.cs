using MultiLabel.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>The trainer's checkpoint side: what a checkpoint keeps and how a run resumes from one.</summary>
public sealed partial class Trainer
{
    /// <summary>
    /// Restores model, optimizer, schedule position, history, the CPU generator and every callback's state from a
    /// checkpoint written by this trainer (<see cref="RunDirectory.CheckpointFile"/>), so that <see cref="Fit"/>
    /// continues with the next epoch. The best weights are read from the checkpoint folder's <see cref="RunDirectory.ModelFile"/>.
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
        using (var rng = tensor(state.RngState, ScalarType.Byte))
        {
            torch.random.set_rng_state(rng);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!;
        foreach (var callback in callbacks.OfType<ICheckpointedCallback>())
        {
            if (state.Callbacks.TryGetValue(callback.StateKey, out var saved))
            {
                callback.LoadState(saved, folder);
            }
        }

        resumed = state;
        return state;
    }

    /// <summary>The state a checkpoint keeps (see <see cref="Checkpointing"/>): position, history, generator, callbacks.</summary>
    internal TrainingState CaptureState(TrainingContext context)
    {
        byte[] rng;
        using (var state = torch.random.get_rng_state())
        {
            rng = state.data<byte>().ToArray();
        }

        var callbackStates = callbacks.OfType<ICheckpointedCallback>().ToDictionary(c => c.StateKey, c => c.SaveState(), StringComparer.Ordinal);
        return new TrainingState(history.Count, context.Step, [.. history], rng, Options.Epochs, context.BatchCount, Options.Seed, callbackStates);
    }
}
