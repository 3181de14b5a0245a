namespace MultiLabel.Training.Callbacks;

/// <summary>
/// Adds up the gradients of <see cref="Batches"/> consecutive batches before one optimizer step: the effective
/// batch is that many times larger while memory holds one batch (useful on a small GPU). Each batch's loss is
/// divided by the size of its group, so the summed gradient is the gradient of the group's mean loss; the last group
/// of an epoch may be shorter (it steps at the epoch's end, so no gradient crosses an epoch or a checkpoint). The
/// schedule counts optimizer steps: <see cref="TrainingContext.StepsPerEpoch"/> becomes ceil(batches / k).
/// Without BatchNorm or dropout, k batches of b images train exactly as one batch of k x b (a test shows it);
/// BatchNorm still normalises each batch of b on its own. Order -50: before <see cref="GradientClipping"/>.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class GradientAccumulation : TrainerCallback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="batches">Batches per optimizer step, at least 1 (1: a step per batch, as without the callback).</param>
    public GradientAccumulation(int batches)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batches);
        Batches = batches;
    }

    /// <summary>Batches per optimizer step.</summary>
    public int Batches { get; }

    /// <inheritdoc />
    public override int Order => -50;

    /// <inheritdoc />
    public override void BeforeFit(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.StepsPerEpoch = (context.BatchCount + Batches - 1) / Batches;
    }

    /// <inheritdoc />
    public override void AfterLoss(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int groupStart = (context.Batch - 1) / Batches * Batches; // 0-based index of the group's first batch
        int groupSize = Math.Min(Batches, context.BatchCount - groupStart);
        if (groupSize > 1)
        {
            context.Loss = context.Loss! / groupSize;
        }
    }

    /// <inheritdoc />
    public override void BeforeStep(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SkipStep |= context.Batch % Batches != 0 && !context.IsLastBatch;
    }
}
