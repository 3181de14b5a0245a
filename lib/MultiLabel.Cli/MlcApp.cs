using MultiLabel.Cli.Commands;
using MultiLabel.Cli.Rendering;
using MultiLabel.Cli.Commands.Bench;
using MultiLabel.Cli.Commands.Datasets;
using MultiLabel.Cli.Commands.Pretrain;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli;

/// <summary>The mlc command-line application; <see cref="Run"/> is testable in-process.</summary>
public static class MlcApp
{
    private static readonly HashSet<string> TorchCommands = new(StringComparer.Ordinal) { "train", "predict", "evaluate", "report", "pretrain", "bench" };

    /// <summary>
    /// For a command that needs libtorch, starts loading it on a background thread while the command line is parsed
    /// (a few hundred milliseconds of a short command such as <c>mlc evaluate</c>); the command's own
    /// <see cref="MultiLabel.Runtime.TorchRuntime.EnsureLoaded"/> then waits for it, and reports a failure as always.
    /// </summary>
    public static void PreloadTorch(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !TorchCommands.Contains(args[0]) || args.Any(a => a is "--help" or "-h"))
        {
            return;
        }

        _ = Task.Run(static () =>
        {
            try
            {
                MultiLabel.Runtime.TorchRuntime.EnsureLoaded();
            }
            catch (MultiLabel.Runtime.TorchRuntimeException)
            {
                // Kept by TorchRuntime: the command's own call throws it, with its message.
            }
        });
    }

    /// <summary>
    /// Runs mlc with <paramref name="args"/>: results go to <paramref name="console"/> (default: standard output), error
    /// messages to <paramref name="errors"/> (default: standard error; with a console given but no error console, that
    /// console).
    /// </summary>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, IAnsiConsole? console = null, IAnsiConsole? errors = null)
    {
        errors ??= console ?? Consoles.StandardError();
        console ??= Consoles.StandardOutput();
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
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("Every multi-label metric (scikit-learn's values) of a scores CSV against a labels CSV.")
                .WithExample("evaluate", "--labels", "labels.csv", "--scores", "scores.csv")
                .WithExample("evaluate", "--labels", "labels.csv", "--scores", "scores.csv", "--thresholds", "thresholds.csv", "--json");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Rebuild the HTML evaluation report of a run folder from its predictions.csv.")
                .WithExample("report", "--run", "runs/20261129-101500");
            config.AddCommand<DoctorCommand>("doctor")
                .WithDescription("Check this machine for the course: .NET, libstdc++, TorchSharp, CUDA, the notebook kernel, data, the library build.")
                .WithExample("doctor")
                .WithExample("doctor", "--json");
            config.AddCommand<PretrainCommand>("pretrain")
                .WithDescription("Pretrain the kit's small backbone (MiniResNet) on a single-label source task on the CPU; writes the weights and their sha256.")
                .WithExample("pretrain", "--out", "data/pretrained/mini-resnet-shapes.bin")
                .WithExample("pretrain", "--out", "texture.bin", "--task", "texture", "--images", "4000");
            config.AddCommand<ExportAppsCommand>("export-apps")
                .WithDescription("Write every lesson notebook as a .NET file-based app, apps/NN-name.cs, run with dotnet run.")
                .WithExample("export-apps")
                .WithExample("export-apps", "--check");
            config.AddCommand<ReleaseCommand>("release")
                .WithDescription("Write every lesson in its released form, or with the model answers filled in (the instructor's copy).")
                .WithExample("release", "--solutions", "--out", "instructor")
                .WithExample("release", "--out", "handout");
            config.AddCommand<GradeCommand>("grade")
                .WithDescription("Grade a folder of learners' notebooks (or a class of folders): score table, JSON, gradebook.")
                .WithExample("grade", "submissions/alice")
                .WithExample("grade", "submissions/alice", "--json")
                .WithExample("grade", "--class", "submissions", "--lms-csv", "lms.csv");
            config.AddBranch("data", data =>
            {
                data.SetDescription("Generate, download and inspect datasets.");
                data.AddCommand<DataShapesCommand>("shapes")
                    .WithDescription("Generate the shapes dataset: PNG images, labels.csv and the datasheet README.md.")
                    .WithExample("data", "shapes", "--out", "data/shapes", "--count", "4000", "--seed", "2024");
                data.AddCommand<DataDownloadCommand>("download")
                    .WithDescription("Download a dataset or pretrained weights into the cache, resumable and verified by sha256.")
                    .WithExample("data", "download", "mnist");
                data.AddCommand<DataStatsCommand>("stats")
                    .WithDescription("Label frequency, cardinality and co-occurrence of a dataset's splits.")
                    .WithExample("data", "stats")
                    .WithExample("data", "stats", "--data", "folder", "--data-dir", "photos", "--labels", "photos/labels.csv");
            });
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure speed and memory; each command prints a table of measured numbers. With no command: every benchmark.");
                bench.SetDefaultCommand<BenchAllCommand>();
                bench.AddCommand<BenchDataCommand>("data")
                    .WithDescription("Loader throughput with 1 and 2 workers and the trainer's data-wait fraction.");
                bench.AddCommand<BenchMetricsCommand>("metrics")
                    .WithDescription("All metrics on random 200,000 x 80 data, against scikit-learn on the same data.")
                    .WithExample("bench", "metrics")
                    .WithExample("bench", "metrics", "--rows", "20000", "--no-sklearn");
                bench.AddCommand<BenchEvaluateCommand>("evaluate")
                    .WithDescription("mlc evaluate as a user runs it (process, two CSVs of 50,000 x 80, all metrics) against numpy.loadtxt + scikit-learn; peak memory.")
                    .WithExample("bench", "evaluate")
                    .WithExample("bench", "evaluate", "--rows", "5000", "--no-sklearn");
                bench.AddCommand<BenchTrainCommand>("train")
                    .WithDescription("Trainer images/s against a bare loop over pre-loaded tensors; live tensors and memory per epoch.");
                bench.AddCommand<BenchPrecisionCommand>("precision")
                    .WithDescription("Training-step time in fp32, fp32 channels-last, bf16 and bf16 channels-last (fp32 master weights).")
                    .WithExample("bench", "precision", "--model", "resnet18", "--img-size", "128");
            });
        });

        try
        {
            return app.Run(args);
        }
        catch (Exception ex) when (ErrorTable.Find(ex) is not null)
        {
            var row = ErrorTable.Find(ex)!;
            errors.MarkupLineInterpolated($"[red]{row.Lead}[/] {ErrorTable.MessageOf(ex)}");
            if (row.UsageHint)
            {
                errors.MarkupLine("Usage: mlc <command> [[options]]. Run [bold]mlc --help[/] or [bold]mlc <command> --help[/].");
            }

            return row.ExitCode;
        }
    }
}
