using MultiLabel.Cli.Commands;
using MultiLabel.Cli.Commands.Bench;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli;

/// <summary>The mlc command-line application; <see cref="Run"/> is testable in-process.</summary>
public static class MlcApp
{
    /// <summary>Runs mlc with <paramref name="args"/>, writing to <paramref name="console"/> (default: the terminal).</summary>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("mlc");
            config.ConfigureConsole(console);
            config.UseStrictParsing();
            config.PropagateExceptions();
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train and evaluate a multi-label classifier (default: the embedded shapes data, no download).")
                .WithExample("train")
                .WithExample("train", "--epochs", "5", "--out", "runs/quick")
                .WithExample("train", "--resume", "runs/quick");
            config.AddCommand<PredictCommand>("predict")
                .WithDescription("Print the labels a trained run predicts for image files, with probabilities.")
                .WithExample("predict", "--run", "runs/quick", "photo.png");
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Benchmarks that print measured numbers.");
                bench.AddCommand<BenchTrainCommand>("train")
                    .WithDescription("Trainer images/s against a bare loop over pre-loaded tensors; live tensors and memory per epoch.");
            });
        });

        try
        {
            return app.Run(args);
        }
        catch (CommandAppException ex)
        {
            // Unknown command or option, missing or unconvertible value, failed validation.
            console.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            console.MarkupLine("Usage: mlc <command> [[options]]. Run [bold]mlc --help[/] or [bold]mlc <command> --help[/].");
            return ExitCodes.Usage;
        }
        catch (UsageException ex)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (TorchRuntimeException ex)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (TrainingDivergedException ex)
        {
            console.MarkupLineInterpolated($"[red]Training stopped:[/] {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
