using System.Text.Json;

namespace MultiLabel.Training;

/// <summary>
/// Everything about a run's progress that is not a tensor: written into every checkpoint, so a resumed run
/// continues where it stopped. Data order and augmentation need no state: they are functions of (seed, epoch, index).
/// </summary>
/// <param name="CompletedEpochs">Epochs finished (validated and checkpointed).</param>
/// <param name="Step">Optimizer steps taken: the schedule's position.</param>
/// <param name="History">One record per finished epoch.</param>
/// <param name="RngState">TorchSharp's CPU generator state (torch.random.get_rng_state) after the last finished epoch.</param>
/// <param name="Epochs">The run's planned epochs (the schedule depends on it).</param>
/// <param name="BatchesPerEpoch">Training batches per epoch (the schedule depends on it).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Callbacks">The state of each callback that keeps one (best metric, early-stopping count), by its
/// <see cref="Callbacks.ICheckpointedCallback.StateKey"/>.</param>
public sealed record TrainingState(
    int CompletedEpochs,
    long Step,
    IReadOnlyList<EpochRecord> History,
    byte[] RngState,
    int Epochs,
    int BatchesPerEpoch,
    long Seed,
    IReadOnlyDictionary<string, JsonElement> Callbacks);
