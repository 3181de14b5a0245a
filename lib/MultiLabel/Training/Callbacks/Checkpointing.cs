namespace MultiLabel.Training.Callbacks;

/// <summary>
/// After every epoch, writes the full training state (<see cref="Checkpoint"/>: model, optimizer, schedule position,
/// generator, history, every callback's state) to the run folder's <see cref="RunDirectory.CheckpointFile"/>,
/// atomically, and the history files. Added by the trainer when it has a run folder; order 1000, last, so the
/// checkpoint holds what every other callback decided for the epoch.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class Checkpointing : TrainerCallback
{
    private readonly RunDirectory run;

    /// <summary>Creates the callback.</summary>
    /// <param name="run">The run folder.</param>
    public Checkpointing(RunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        this.run = run;
    }

    /// <inheritdoc />
    public override int Order => 1000;

    /// <inheritdoc />
    public override void AfterEpoch(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = run.FilePath(RunDirectory.CheckpointFile);
        try
        {
            Checkpoint.Save(path, context.Trainer.Model, context.Trainer.Optimizer, context.Trainer.CaptureState(context));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var kept = File.Exists(path) ? $"the checkpoint on disk is still the last complete one (epoch {SafeEpoch(path)})" : "no checkpoint was written yet";
            throw new CheckpointWriteException(
                $"Could not write the checkpoint {path} after epoch {context.Epoch}: {ex.Message} ({ex.GetType().Name}). Nothing partial was left: " +
                $"{kept}. Free disk space or make {run.Path} writable, then resume with --resume {run.Path}.", ex);
        }

        run.WriteHistory(context.History);
        context.Trainer.OnCheckpointSaved(new CheckpointSaved(context.Epoch, CheckpointKind.Last, path));
    }

    private static string SafeEpoch(string path)
    {
        try
        {
            return Checkpoint.ReadState(path).CompletedEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidDataException)
        {
            return "?";
        }
    }
}

/// <summary>A checkpoint could not be written (full disk, read-only folder): the message says what is kept and how to go on.</summary>
public sealed class CheckpointWriteException(string message, Exception inner) : IOException(message, inner);
