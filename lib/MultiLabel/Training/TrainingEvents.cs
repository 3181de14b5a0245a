namespace MultiLabel.Training;

/// <summary>Progress inside an epoch, raised after every training batch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="Loss">This batch's loss.</param>
/// <param name="ImagesPerSecond">Throughput so far in this epoch.</param>
/// <param name="LearningRate">The head's learning rate used for this batch.</param>
/// <param name="Step">0-based optimizer step of the whole run.</param>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, double Loss, double ImagesPerSecond, double LearningRate = 0, long Step = 0);

/// <summary>Raised once when <see cref="Trainer.Fit"/> starts (also when it resumes).</summary>
/// <param name="FirstEpoch">The 1-based epoch about to run (greater than 1 after a resume).</param>
/// <param name="Epochs">The last epoch of the run.</param>
/// <param name="BatchesPerEpoch">Training batches per epoch.</param>
/// <param name="Device">Where the model runs.</param>
/// <param name="Resumed">True when the state came from a checkpoint.</param>
public sealed record TrainingStarted(int FirstEpoch, int Epochs, int BatchesPerEpoch, string Device, bool Resumed);

/// <summary>What kind of file a <see cref="CheckpointSaved"/> event reports.</summary>
public enum CheckpointKind
{
    /// <summary>The full training state after an epoch (model, optimizer, schedule, RNG, history): what resume reads.</summary>
    Last,

    /// <summary>The weights of the best epoch so far.</summary>
    Best,
}

/// <summary>Raised after a checkpoint file was written (atomically).</summary>
/// <param name="Epoch">The epoch it holds.</param>
/// <param name="Kind">Full state or best weights.</param>
/// <param name="Path">The file.</param>
public sealed record CheckpointSaved(int Epoch, CheckpointKind Kind, string Path);

/// <summary>Raised when training stops early because the monitored metric stopped improving.</summary>
/// <param name="Epoch">The last epoch run.</param>
/// <param name="Metric">The monitored metric.</param>
/// <param name="BestValue">Its best value.</param>
/// <param name="BestEpoch">The epoch of the best value.</param>
/// <param name="Patience">Epochs without improvement allowed.</param>
public sealed record EarlyStopped(int Epoch, MonitorMetric Metric, double BestValue, int BestEpoch, int Patience);

/// <summary>Raised when the training loss became NaN or infinite, just before <see cref="TrainingDivergedException"/> is thrown.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Loss">The bad value.</param>
/// <param name="LastGoodCheckpoint">The checkpoint left untouched (of the last finished epoch), or null when none was written.</param>
public sealed record Diverged(int Epoch, int Batch, double Loss, string? LastGoodCheckpoint);
