using MultiLabel.Cli.Rendering;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// <c>mlc train</c>: turns the options into a <see cref="TrainingRecipe"/>, runs it with <see cref="TrainingRun"/>
/// (train, evaluate on the test split, write the run folder) and renders its progress and results; <c>--resume</c>
/// continues an interrupted run, <c>--recipe</c> runs a saved recipe.
/// </summary>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var run = StartOrResume(settings);
        TrainingData.ReportSkipped(console, run.Data);
        if (!settings.Quiet)
        {
            console.MarkupLine(Header(run));
        }

        try
        {
            TrainingProgress.Run(console, run.Trainer, settings.Quiet, () => run.Fit(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineInterpolated(
                $"Interrupted after epoch {run.Trainer.CompletedEpochs}; continue with: [bold]mlc train --resume {run.Folder!.Path}[/]");
            return ExitCodes.Failure;
        }

        var result = run.Evaluate();
        MetricsTable.Write(console, $"Test split (weights of epoch {result.BestEpoch})", result.Test);
        console.MarkupLineInterpolated($"Run folder: [link]{run.Folder!.Path}[/] ({result.Summary.Seconds:F1} s), report: {RunDirectory.ReportFile}");
        return ExitCodes.Ok;
    }

    private static string Header(TrainingRun run)
    {
        if (run.ResumedState is { } state)
        {
            return Markup.Escape($"Resuming ") + $"[bold]{Markup.Escape(run.Folder!.Path)}[/]" + Markup.Escape($" after epoch {state.CompletedEpochs} of {state.Epochs}.");
        }

        var data = run.Data;
        return FormattableString.Invariant(
            $"Training [bold]{Markup.Escape(run.Recipe.Model)}[/] on [bold]{Markup.Escape(data.Name)}[/] ({data.Train.Count} train / {data.Val.Count} val / {data.Test.Count} test images, {data.Labels.Count} labels) on [bold]{run.Trainer.Device}[/], seed {run.Recipe.Seed}.");
    }

    private static TrainingRun StartOrResume(TrainSettings settings)
    {
        if (settings.Resume is { } folder)
        {
            RejectRunOptions(settings, "--resume continues with the settings saved in " + Path.Combine(folder, RunDirectory.ConfigFile), settings.Out is null ? [] : ["--out"]);
            return TrainingRun.Resume(folder, settings.ToMachine());
        }

        var recipe = settings.ToRecipe();
        if (settings.RecipeFile is { } file)
        {
            RejectRunOptions(settings, $"--recipe takes every run setting from {file}", []);
            recipe = RunDirectory.ReadRecipeFile(file);
        }

        string output;
        try
        {
            // A bad --out fails here, before the native runtime and the data are loaded; without --out, a new folder
            // under runs/ that no concurrent run shares.
            output = settings.Out is { } chosen ? RunDirectory.Create(chosen).Path : RunDirectory.ClaimNew(Environment.CurrentDirectory, DateTime.Now).Path;
        }
        catch (IOException ex)
        {
            throw new UsageException($"--out: {ex.Message}", ex);
        }

        return TrainingRun.Start(recipe, output, settings.ToMachine());
    }

    private static void RejectRunOptions(TrainSettings settings, string why, IReadOnlyList<string> alsoGiven)
    {
        var given = settings.RunOptionsGiven().Concat(alsoGiven).ToList();
        if (given.Count > 0)
        {
            throw new UsageException(
                $"{why}; only --device, --quiet, --workers, --cache-dir and --offline may be given with it (also given: {string.Join(", ", given)}).");
        }
    }
}
