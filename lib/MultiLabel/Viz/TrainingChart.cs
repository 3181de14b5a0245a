using MultiLabel.Training;

namespace MultiLabel.Viz;

/// <summary>
/// Follows a <see cref="Trainer"/> with a <see cref="LiveChart"/>: training and validation loss per epoch, with the
/// validation micro-F1 on a second axis, redrawn after every epoch. The trainer knows nothing of charts: this class
/// listens to its <see cref="Trainer.EpochCompleted"/> event. Dispose to stop listening (draws the final state).
/// Taught in notebooks/04-nn-modules.ipynb.
/// </summary>
public sealed class TrainingChart : IDisposable
{
    /// <summary>Series name of the mean training loss.</summary>
    public const string TrainLoss = "train loss";

    /// <summary>Series name of the validation loss.</summary>
    public const string ValLoss = "val loss";

    /// <summary>Series name of the validation micro-F1.</summary>
    public const string ValF1 = "val micro-F1";

    private readonly Trainer trainer;

    private TrainingChart(Trainer trainer, string title)
    {
        this.trainer = trainer;
        // One redraw per epoch (by Flush in Add), not one per point.
        Chart = new LiveChart(title, "epoch", "loss") { MinInterval = TimeSpan.MaxValue };
        trainer.EpochCompleted += OnEpoch;
    }

    /// <summary>The chart being drawn.</summary>
    public LiveChart Chart { get; }

    /// <summary>Shows a live chart that follows <paramref name="trainer"/> from its next epoch on.</summary>
    public static TrainingChart Follow(Trainer trainer, string title = "Training")
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var chart = new TrainingChart(trainer, title);
        chart.Chart.Show();
        return chart;
    }

    /// <summary>Adds one epoch's numbers (called by the trainer's event; public so a custom loop can feed it too).</summary>
    public void Add(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Chart.Add(TrainLoss, record.Epoch, record.TrainLoss);
        Chart.Add(ValLoss, record.Epoch, record.ValLoss);
        Chart.Add(ValF1, record.Epoch, record.ValF1Micro);
        if (Chart.SeriesNames.Count == 3 && Chart.SecondaryTitle is null)
        {
            Chart.UseSecondaryAxis(ValF1, "micro-F1");
        }

        Chart.Flush();
    }

    /// <summary>Stops following the trainer and draws the final state.</summary>
    public void Dispose()
    {
        trainer.EpochCompleted -= OnEpoch;
        Chart.Dispose();
    }

    private void OnEpoch(object? sender, EpochRecord record) => Add(record);
}
