namespace MultiLabel.Training.Callbacks;

/// <summary>
/// Sets every parameter group's learning rate before each batch: its peak rate (<see cref="Trainer.PeakLearningRates"/>)
/// times the schedule's factor at the current optimizer step (<see cref="TrainerOptions.Schedule"/>,
/// <see cref="LearningRateSchedule"/>). Added by the trainer; order -100, so the rate is set before anything else runs.
/// </summary>
public sealed class LearningRateScheduling : TrainerCallback
{
    /// <inheritdoc />
    public override int Order => -100;

    /// <inheritdoc />
    public override void BeforeBatch(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Trainer.Options;
        double factor = options.Schedule.Factor(context.Step, context.TotalSteps, options.WarmupFraction);
        var peaks = context.Trainer.PeakLearningRates;
        int g = 0;
        foreach (var group in context.Trainer.Optimizer.ParamGroups)
        {
            group.LearningRate = peaks[g++] * factor;
        }
    }
}
