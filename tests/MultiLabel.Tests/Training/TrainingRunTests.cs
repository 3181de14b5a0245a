using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Metrics;
using MultiLabel.Tests.Cli;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

[Collection(TorchGlobalState.Name)]
public sealed class TrainingRunTests
{
    private static readonly TrainingRecipe Tiny = new() { Count = 160, ImageSize = 32, Width = 4, Depth = 2, BatchSize = 16, Epochs = 2, Seed = 3, TuneThresholds = true };

    private static readonly string[] TinyFlags =
        ["--count", "160", "--img-size", "32", "--width", "4", "--depth", "2", "--batch-size", "16", "--epochs", "2", "--seed", "3", "--tune-thresholds"];

    private static readonly MachineOptions Cpu = new("cpu", Workers: 0);

    private static TrainingRunResult RunToEnd(TrainingRecipe recipe, string? folder)
    {
        using var run = TrainingRun.Start(recipe, folder, Cpu);
        run.Fit();
        return run.Evaluate();
    }

    private static string Summary(string folder) => File.ReadAllText(Path.Combine(folder, RunDirectory.SummaryFile));

    private static JsonElement TestMetrics(string folder) => JsonDocument.Parse(Summary(folder)).RootElement.GetProperty("test").Clone();

    [Fact]
    public void The_library_call_and_mlc_train_give_the_same_run_for_the_same_recipe()
    {
        using var tmp = new TempDir();
        var library = RunToEnd(Tiny, tmp.Combine("library"));
        var (code, output) = InProcessMlc.Run(["train", .. TinyFlags, "--device", "cpu", "--workers", "0", "--quiet", "--out", tmp.Combine("cli")]);
        Assert.True(code == ExitCodes.Ok, output);

        Assert.Equal(TestMetrics(tmp.Combine("library")).ToString(), TestMetrics(tmp.Combine("cli")).ToString());
        Assert.Equal(library.Test.F1Micro, TestMetrics(tmp.Combine("cli")).GetProperty("f1_micro").GetDouble());
        Assert.Equal(File.ReadAllText(tmp.Combine("library", RunDirectory.ConfigFile)), File.ReadAllText(tmp.Combine("cli", RunDirectory.ConfigFile)));
        Assert.Equal(File.ReadAllText(tmp.Combine("library", RunDirectory.ThresholdsFile)), File.ReadAllText(tmp.Combine("cli", RunDirectory.ThresholdsFile)));
        Assert.Equal(
            Directory.GetFiles(tmp.Combine("library")).Select(Path.GetFileName).Order(),
            Directory.GetFiles(tmp.Combine("cli")).Select(Path.GetFileName).Order());
        Assert.Contains(RunDirectory.ReportFile, Directory.GetFiles(tmp.Combine("library")).Select(Path.GetFileName));

        // A saved recipe runs again with mlc train --recipe, to the same result.
        var (again, againOutput) = InProcessMlc.Run("train", "--recipe", tmp.Combine("library", RunDirectory.ConfigFile), "--device", "cpu", "--workers", "0", "--quiet", "--out", tmp.Combine("again"));
        Assert.True(again == ExitCodes.Ok, againOutput);
        Assert.Equal(TestMetrics(tmp.Combine("library")).ToString(), TestMetrics(tmp.Combine("again")).ToString());
        var (mixed, mixedOutput) = InProcessMlc.Run("train", "--recipe", tmp.Combine("library", RunDirectory.ConfigFile), "--epochs", "3");
        Assert.Equal(ExitCodes.Usage, mixed);
        Assert.Contains("also given: --epochs", mixedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resumed_library_run_ends_exactly_like_an_uninterrupted_one()
    {
        using var tmp = new TempDir();
        var uninterrupted = RunToEnd(Tiny with { TuneThresholds = false }, tmp.Combine("whole"));
        using (var run = TrainingRun.Start(Tiny with { TuneThresholds = false }, tmp.Combine("cut"), Cpu))
        using (var stop = new CancellationTokenSource())
        {
            run.Trainer.EpochCompleted += (_, _) => stop.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => run.Fit(stop.Token));
        }

        rand(100).Dispose(); // disturb the global generator: resume restores it
        using var resumed = TrainingRun.Resume(tmp.Combine("cut"), Cpu);
        Assert.Equal(1, resumed.ResumedState!.CompletedEpochs);
        resumed.Fit();
        var result = resumed.Evaluate();

        Assert.Equal(uninterrupted.Summary.Test, result.Summary.Test);
        Assert.Equal(uninterrupted.BestEpoch, result.BestEpoch);
    }

    [Fact]
    public void A_run_without_a_folder_keeps_everything_in_memory()
    {
        using var tmp = new TempDir();
        var before = Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length;
        var result = RunToEnd(Tiny with { Epochs = 1 }, folder: null);
        Assert.Null(result.ReportPath);
        Assert.False(result.Thresholds.IsGlobal);
        Assert.InRange(result.Test.F1Micro, 0, 1);
        Assert.Equal(before, Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length);
    }

    [Fact]
    public void A_finished_run_loads_back_and_predicts_what_its_predictions_file_says()
    {
        using var tmp = new TempDir();
        var folder = tmp.Combine("run");
        RunToEnd(Tiny, folder);

        using var trained = TrainedRun.Load(folder, "cpu");
        var predictions = PredictionsFile.Read(Path.Combine(folder, RunDirectory.PredictionsFile));
        Assert.Equal(predictions.Labels, trained.Labels);
        Assert.False(trained.Thresholds.IsGlobal); // the tuned thresholds of thresholds.json
        Assert.Equal(RunDirectory.Open(folder).ReadThresholds(trained.Labels), trained.Thresholds);

        using var data = TrainingRun.Start(Tiny with { Epochs = 1 }, folder: null, Cpu);
        for (int i = 0; i < 3; i++)
        {
            using var image = data.Data.Test.GetImage(i);
            var scores = trained.Predict(image, data.Data.Test.GetName(i)).Scores;
            for (int l = 0; l < trained.Labels.Count; l++)
            {
                Assert.Equal(predictions.Scores[(i * trained.Labels.Count) + l], scores[l].Probability, 5);
                Assert.Equal(trained.Thresholds[l], scores[l].Threshold);
            }
        }
    }

    [Fact]
    public void The_run_folder_reads_back_what_it_wrote()
    {
        using var tmp = new TempDir();
        var folder = tmp.Combine("run");
        var result = RunToEnd(Tiny with { Epochs = 1 }, folder);
        var run = RunDirectory.Open(folder);

        Assert.Equal(Tiny with { Epochs = 1 }, run.ReadRecipe());
        Assert.Equal(result.Summary.Test, run.ReadSummary().Test);
        Assert.Equal(result.Summary.Labels, run.ReadLabels());
        Assert.Equal(1, Assert.Single(run.ReadHistory()).Epoch);
        Assert.True(run.HasCheckpoint);
        using var model = TrainingRun.BuildModel(Tiny, run.ReadLabels().Count);
        run.LoadModel(model);
    }

    [Fact]
    public void Missing_run_files_and_bad_recipes_are_explained()
    {
        using var tmp = new TempDir();
        var empty = tmp.Combine("empty");
        Directory.CreateDirectory(empty);
        Assert.Contains("config.json is missing", Assert.Throws<InvalidDataException>(() => TrainedRun.Load(empty)).Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => TrainedRun.Load(tmp.Combine("nowhere")));
        Assert.Contains("has no checkpoint.bin", Assert.Throws<InvalidDataException>(() =>
        {
            RunDirectory.Create(empty).WriteRecipe(Tiny);
            TrainingRun.Resume(empty, Cpu);
        }).Message, StringComparison.Ordinal);

        var tooBig = Assert.Throws<InvalidRecipeException>(() => TrainingRun.Start(Tiny with { BatchSize = 1000 }, null, Cpu));
        Assert.Equal(nameof(TrainingRecipe.BatchSize), tooBig.Problem!.Property);
        var missing = Assert.Throws<InvalidRecipeException>(() => TrainingRun.Start(Tiny with { Weights = tmp.Combine("none.pth") }, null, Cpu));
        Assert.Equal(nameof(TrainingRecipe.Weights), missing.Problem!.Property);
        var both = Assert.Throws<InvalidRecipeException>(() => TrainingRun.Start(Tiny with { DataDir = tmp.Path }, null, Cpu));
        Assert.Equal(nameof(TrainingRecipe.Data), both.Problem!.Property);
    }
}
