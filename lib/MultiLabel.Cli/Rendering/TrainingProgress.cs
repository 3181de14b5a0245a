using MultiLabel.Training;
using Spectre.Console;

namespace MultiLabel.Cli.Rendering;

/// <summary>
/// Draws a trainer's events: a live progress bar per epoch on a terminal, one line per epoch otherwise; early
/// stopping and divergence are reported in both. Quiet mode draws nothing.
/// </summary>
internal static class TrainingProgress
{
    public static void Run(IAnsiConsole console, Trainer trainer, bool quiet, Action fit)
    {
        if (quiet)
        {
            fit();
            return;
        }

        void OnEarlyStop(object? sender, EarlyStopped e) => console.MarkupLineInterpolated(
            $"Early stop after epoch {e.Epoch}: {e.Metric} has not improved for {e.Patience} epochs (best {e.BestValue:F4} at epoch {e.BestEpoch}).");
        void OnDiverged(object? sender, Diverged d) => console.MarkupLineInterpolated(
            $"[red]Diverged[/] at epoch {d.Epoch}, batch {d.Batch}: loss {d.Loss}.");
        trainer.EarlyStopped += OnEarlyStop;
        trainer.Diverged += OnDiverged;
        try
        {
            if (console.Profile.Capabilities.Interactive)
            {
                RunWithBars(console, trainer, fit);
            }
            else
            {
                RunWithLines(console, trainer, fit);
            }
        }
        finally
        {
            trainer.EarlyStopped -= OnEarlyStop;
            trainer.Diverged -= OnDiverged;
        }
    }

    private static void RunWithLines(IAnsiConsole console, Trainer trainer, Action fit)
    {
        void OnEpoch(object? sender, EpochRecord r) => console.WriteLine(Describe(r));
        trainer.EpochCompleted += OnEpoch;
        try
        {
            fit();
        }
        finally
        {
            trainer.EpochCompleted -= OnEpoch;
        }
    }

    /// <summary>
    /// Live bars, redrawn on the training thread from the trainer's events (at most every 100 ms): Spectre's own
    /// refresh thread would allocate next to TorchSharp calls, which TorchSharp 0.107 does not survive
    /// (DEVELOPERS.md, "TorchSharp and threads").
    /// </summary>
    private static void RunWithBars(IAnsiConsole console, Trainer trainer, Action fit)
    {
        console.Progress()
            .AutoRefresh(false)
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                var sinceRedraw = System.Diagnostics.Stopwatch.StartNew();
                void OnBatch(object? sender, BatchProgress p)
                {
                    if (task is null || p.Batch == 1)
                    {
                        task = ctx.AddTask(Markup.Escape($"epoch {p.Epoch}/{trainer.Options.Epochs}"), maxValue: p.BatchCount);
                    }

                    task.Value = p.Batch;
                    task.Description = Markup.Escape($"epoch {p.Epoch}/{trainer.Options.Epochs}  loss {p.Loss:F4}  {p.ImagesPerSecond:F0} img/s");
                    if (sinceRedraw.ElapsedMilliseconds >= 100 || p.Batch == p.BatchCount)
                    {
                        ctx.Refresh();
                        sinceRedraw.Restart();
                    }
                }

                void OnEpoch(object? sender, EpochRecord r)
                {
                    if (task is not null)
                    {
                        task.Description = Markup.Escape(Describe(r));
                        task.StopTask();
                        ctx.Refresh();
                    }
                }

                trainer.BatchCompleted += OnBatch;
                trainer.EpochCompleted += OnEpoch;
                try
                {
                    fit();
                }
                finally
                {
                    trainer.BatchCompleted -= OnBatch;
                    trainer.EpochCompleted -= OnEpoch;
                }
            });
    }

    internal static string Describe(EpochRecord r) => FormattableString.Invariant(
        $"epoch {r.Epoch}  loss {r.TrainLoss:F4}  val loss {r.ValLoss:F4}  val micro-F1 {r.ValF1Micro:F3}  lr {r.LearningRate:G3}  {r.ImagesPerSecond:F0} img/s  {r.Seconds:F1} s{(r.IsBest ? "  *" : "")}");
}
