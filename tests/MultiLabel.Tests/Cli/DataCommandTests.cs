using System.Diagnostics;
using MultiLabel.Cli;
using MultiLabel.Data.Shapes;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class DataCommandTests
{
    private static (int Code, string Output) Run(params string[] args) => InProcessMlc.Run(args);

    [Fact]
    public void Data_shapes_writes_images_labels_and_datasheet()
    {
        using var tmp = new TempDir();
        var (code, output) = Run("data", "shapes", "--out", tmp.Combine("s"), "--count", "12", "--seed", "3", "--img-size", "32");
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("Wrote 12 images", output, StringComparison.Ordinal);
        Assert.Equal(12, Directory.GetFiles(tmp.Combine("s", "images"), "*.png").Length);
        Assert.Equal(13, File.ReadAllLines(tmp.Combine("s", "labels.csv")).Length);
        Assert.Contains("mlc data shapes --out data/shapes --count 12 --seed 3 --img-size 32", File.ReadAllText(tmp.Combine("s", "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data", "shapes")]
    [InlineData("data", "shapes", "--out", "x", "--count", "0")]
    [InlineData("data", "download", "imagenet")]
    [InlineData("data", "stats", "--data", "cifar")]
    [InlineData("data", "stats", "--on-bad-image", "ignore")]
    [InlineData("train", "--augment", "mixup")]
    [InlineData("train", "--workers", "-1")]
    public void Bad_data_usage_exits_with_code_2(params string[] args)
    {
        var (code, output) = Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_download_lists_the_files_and_exits_1()
    {
        using var tmp = new TempDir();
        var (code, output) = Run("data", "download", "mnist", "--offline", "--cache-dir", tmp.Path);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("train-images-idx3-ubyte.gz", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(tmp.Path, "mnist"), output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_stats_reads_the_shipped_shapes_by_default()
    {
        var (code, output) = Run("data", "stats");
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("Rarest label in train: star", output, StringComparison.Ordinal);
        Assert.Contains("Co-occurrence", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_dataset_with_a_corrupt_image_fails_by_default_and_trains_with_skip()
    {
        using var tmp = new TempDir();
        var folder = tmp.Combine("photos");
        ShapesFiles.Write(new ShapesOptions(Count: 60, ImageSize: 32, Seed: 8, ValFraction: 0.2, TestFraction: 0.2), folder);
        var victim = Path.Combine(folder, "images", ShapesGenerator.FileName(5));
        File.WriteAllBytes(victim, File.ReadAllBytes(victim)[..40]);
        string[] common = ["--data", "folder", "--data-dir", folder, "--labels", Path.Combine(folder, "labels.csv"), "--img-size", "32"];

        // Opening the dataset checks every file (headers and ends, no pixels decoded), so statistics and training
        // both stop at once, naming the file, before any epoch; with skip, statistics leave it out.
        var (statsCode, statsOutput) = Run(["data", "stats", .. common, "--on-bad-image", "fail"]);
        Assert.Equal(ExitCodes.Usage, statsCode);
        Assert.Contains(ShapesGenerator.FileName(5), statsOutput, StringComparison.Ordinal);
        var (skipStats, skipStatsOutput) = Run(["data", "stats", .. common, "--on-bad-image", "skip"]);
        Assert.Equal(ExitCodes.Ok, skipStats);
        Assert.Contains($"labelled by {Path.Combine(folder, "labels.csv")}", skipStatsOutput.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var (trainFail, trainFailOutput) = Run(["train", .. common, "--epochs", "1", "--width", "4", "--depth", "1", "--batch-size", "8", "--out", tmp.Combine("run1")]);
        Assert.Equal(ExitCodes.Usage, trainFail);
        Assert.Contains(ShapesGenerator.FileName(5), trainFailOutput, StringComparison.Ordinal);
        Assert.Contains("truncated", trainFailOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^epoch 1 ", trainFailOutput);

        var (code, output) = Run(["train", .. common, "--on-bad-image", "skip", "--epochs", "1", "--width", "4", "--depth", "1", "--batch-size", "8", "--out", tmp.Combine("run2")]);
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("Skipped 1 bad image(s)", output, StringComparison.Ordinal);
        Assert.Contains(ShapesGenerator.FileName(5), output, StringComparison.Ordinal);
        Assert.Contains("micro F1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mlc_finds_the_shipped_data_from_another_working_directory()
    {
        using var tmp = new TempDir();
        var mlc = Path.Combine(AppContext.BaseDirectory, "mlc.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{mlc}\" data stats")
        {
            WorkingDirectory = tmp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment.Remove(ShapesLocator.EnvironmentVariable);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains(RepoPaths.Combine("data", "shapes"), output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_data_prints_throughput_for_one_and_two_workers_and_the_wait_fraction()
    {
        var (code, output) = Run("bench", "data", "--images", "96", "--batch-size", "16", "--train-batches", "2");
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("2 workers / 1 worker:", output, StringComparison.Ordinal);
        Assert.Contains("wait fraction", output, StringComparison.Ordinal);
        Assert.Contains("Data wait with the default settings:", output, StringComparison.Ordinal);
    }
}
