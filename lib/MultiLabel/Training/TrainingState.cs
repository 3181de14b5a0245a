namespace MultiLabel.Training;

/// <summary>
/// Everything about a run's progress that is not a tensor: written into every checkpoint, so a resumed run
/// continues where it stopped. Data order and augmentation need no state: they are functions of (seed, epoch, index).
/// </summary>
/// <param name="CompletedEpochs">Epochs finished (validated and checkpointed).</param>
/// <param name="Step">Optimizer steps taken: the schedule's position.</param>
/// <param name="BestValue">Best value of the monitored metric so far, or null.</param>
/// <param name="BestEpoch">Epoch of <paramref name="BestValue"/> (0: none).</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best one, for early stopping.</param>
/// <param name="StoppedEarly">The run ended by early stopping.</param>
/// <param name="History">One record per finished epoch.</param>
/// <param name="RngState">TorchSharp's CPU generator state (torch.random.get_rng_state) after the last finished epoch.</param>
/// <param name="Epochs">The run's planned epochs (the schedule depends on it).</param>
/// <param name="BatchesPerEpoch">Training batches per epoch (the schedule depends on it).</param>
/// <param name="Seed">The run's seed.</param>
public sealed record TrainingState(
    int CompletedEpochs,
    long Step,
    double? BestValue,
    int BestEpoch,
    int EpochsWithoutImprovement,
    bool StoppedEarly,
    IReadOnlyList<EpochRecord> History,
    byte[] RngState,
    int Epochs,
    int BatchesPerEpoch,
    long Seed);
