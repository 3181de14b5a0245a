namespace MultiLabel.Training.Callbacks;

/// <summary>
/// A hook into <see cref="Trainer.Fit"/> (fastai's callbacks, with C# types): override the moments you need. Each
/// receives the <see cref="TrainingContext"/>, through which it can act: change the learning rate, replace the loss
/// (<see cref="TrainingContext.Loss"/>), skip an optimizer step (<see cref="TrainingContext.SkipStep"/>), amend the
/// epoch's record or end training (<see cref="TrainingContext.RequestStop"/>). Callbacks run in ascending
/// <see cref="Order"/>, then in the order they were added. The moments, as the loop meets them:
/// <code>
/// BeforeFit
///   per epoch: BeforeEpoch
///     per batch: BeforeBatch, forward and loss, AfterLoss, backward, BeforeStep, step (unless skipped), AfterBatch
///   validation, AfterEpoch
/// AfterFit
/// </code>
/// The built-in ones: <see cref="LearningRateScheduling"/>, <see cref="GradientClipping"/>,
/// <see cref="GradientAccumulation"/>, <see cref="BestWeights"/>, <see cref="EarlyStopping"/>, <see cref="Checkpointing"/>.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public abstract class TrainerCallback
{
    /// <summary>Position among the callbacks: lower runs first (0 by default; see the built-ins' orders).</summary>
    public virtual int Order => 0;

    /// <summary>Once, before the first epoch (also when resuming).</summary>
    public virtual void BeforeFit(TrainingContext context)
    {
    }

    /// <summary>At the start of each epoch, before its first batch.</summary>
    public virtual void BeforeEpoch(TrainingContext context)
    {
    }

    /// <summary>Before each batch's forward pass.</summary>
    public virtual void BeforeBatch(TrainingContext context)
    {
    }

    /// <summary>After the loss is computed, before <c>backward</c>: may replace <see cref="TrainingContext.Loss"/>.</summary>
    public virtual void AfterLoss(TrainingContext context)
    {
    }

    /// <summary>After <c>backward</c>, before the optimizer step: may read or change the gradients, or set <see cref="TrainingContext.SkipStep"/>.</summary>
    public virtual void BeforeStep(TrainingContext context)
    {
    }

    /// <summary>After the batch (and its step, if taken).</summary>
    public virtual void AfterBatch(TrainingContext context)
    {
    }

    /// <summary>After validation: <see cref="TrainingContext.Record"/> holds the epoch's record, already in the history.</summary>
    public virtual void AfterEpoch(TrainingContext context)
    {
    }

    /// <summary>Once, after the last epoch (or the epoch that requested a stop).</summary>
    public virtual void AfterFit(TrainingContext context)
    {
    }
}
