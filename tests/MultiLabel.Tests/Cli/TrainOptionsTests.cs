using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp.PyBridge;
using MultiLabel.Data.Shapes;
using MultiLabel.Metrics;

namespace MultiLabel.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class TrainOptionsTests
{
    private static readonly string[] Tiny = ["--epochs", "1", "--count", "160", "--img-size", "32", "--width", "4", "--depth", "2", "--batch-size", "16"];

    private static (int Code, string Output) Run(params string[] args) => InProcessMlc.Run(args);

    [Fact]
    public void Losses_schedules_pos_weight_and_threshold_tuning_run_end_to_end()
    {
        using var tmp = new TempDir();
        var outDir = tmp.Combine("run");
        var (code, output) = Run(["train", .. Tiny, "--loss", "asl", "--pos-weight", "--schedule", "cosine", "--tune-thresholds", "--patience", "3", "--monitor", "loss", "--out", outDir]);

        Assert.True(code == ExitCodes.Ok, output);
        var thresholds = ThresholdsFile.Read(Path.Combine(outDir, "thresholds.json"), ShapesGenerator.Labels.Names);
        Assert.False(thresholds.IsGlobal);
        Assert.All(thresholds.Expand(ShapesGenerator.Labels.Count), t => Assert.InRange(t, 0.0, 1.0));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "config.json")));
        // config.json spells each choice as the command line does.
        Assert.Equal("asl", config.RootElement.GetProperty("Loss").GetString());
        Assert.Equal("cosine", config.RootElement.GetProperty("Schedule").GetString());
        Assert.Equal("loss", config.RootElement.GetProperty("Monitor").GetString());
    }

    [Fact]
    public void Focal_loss_with_pretrained_weights_and_a_frozen_backbone_trains_only_the_head()
    {
        using var tmp = new TempDir();
        var weights = tmp.Combine("pretrained.pth");
        using (var source = new SmallCnn(10, width: 4, depth: 2))
        {
            source.save_py(weights);
        }

        var outDir = tmp.Combine("run");
        var (code, output) = Run(["train", .. Tiny, "--loss", "focal", "--weights", weights, "--freeze-backbone", "--out", outDir]);
        Assert.True(code == ExitCodes.Ok, output);

        var pretrained = StateDictFile.Read(weights);
        var trained = StateDictFile.Read(Path.Combine(outDir, "model.bin"));
        Assert.Equal(pretrained["features.conv1b.weight"].data<float>().ToArray(), trained["features.conv1b.weight"].data<float>().ToArray());
        Assert.Equal([6L, 8L], trained["head.weight"].shape);

        // Resuming takes every weight from the checkpoint: the pretrained file is not needed any more.
        File.Delete(weights);
        var (resumed, resumeOutput) = Run("train", "--resume", outDir, "--quiet");
        Assert.True(resumed == ExitCodes.Ok, resumeOutput);
    }

    [Fact]
    public void Weights_that_do_not_fit_exit_2_naming_the_key()
    {
        using var tmp = new TempDir();
        var weights = tmp.Combine("wide.pth");
        using (var source = new SmallCnn(6, width: 8, depth: 2))
        {
            source.save_py(weights);
        }

        var (code, output) = Run(["train", .. Tiny, "--weights", weights, "--out", tmp.Combine("run")]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("features.conv0a.weight", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverging_run_exits_1_with_a_clear_message()
    {
        using var tmp = new TempDir();
        var (code, output) = Run(["train", .. Tiny, "--lr", "1e30", "--clip-grad", "0", "--out", tmp.Combine("run")]);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("Training stopped:", output, StringComparison.Ordinal);
        Assert.Matches(@"The training loss became (NaN|∞|-∞|Infinity|-Infinity) at epoch 1, batch \d+: lower the learning rate", output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
        Assert.False(File.Exists(tmp.Combine("run", "summary.json")));
    }

    [Fact]
    public void Resume_takes_only_device_and_quiet_and_needs_a_checkpoint()
    {
        using var tmp = new TempDir();
        var outDir = tmp.Combine("run");
        Assert.Equal(ExitCodes.Ok, Run(["train", .. Tiny, "--out", outDir]).Code);

        var (code, output) = Run("train", "--resume", outDir, "--epochs", "5");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("only --device, --quiet", output, StringComparison.Ordinal);
        Assert.Contains("(also given: --epochs)", output, StringComparison.Ordinal);

        var (doneCode, doneOutput) = Run("train", "--resume", outDir, "--quiet");
        Assert.True(doneCode == ExitCodes.Ok, doneOutput);

        File.Delete(Path.Combine(outDir, "checkpoint.bin"));
        var (noCheckpoint, message) = Run("train", "--resume", outDir);
        Assert.Equal(ExitCodes.Usage, noCheckpoint);
        Assert.Contains("has no checkpoint.bin", message, StringComparison.Ordinal);

        var empty = tmp.Combine("empty");
        Directory.CreateDirectory(empty);
        var (noConfig, configMessage) = Run("train", "--resume", empty);
        Assert.Equal(ExitCodes.Usage, noConfig);
        Assert.Contains("config.json is missing", configMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_prints_the_labels_of_each_image_with_probabilities()
    {
        using var tmp = new TempDir();
        var outDir = tmp.Combine("run");
        Assert.Equal(ExitCodes.Ok, Run(["train", "--epochs", "2", "--count", "200", "--img-size", "32", "--width", "8", "--depth", "2", "--batch-size", "16", "--out", outDir]).Code);

        var sample = ShapesGenerator.GenerateOne(new ShapesOptions(Count: 10, ImageSize: 48, Seed: 77), 3);
        var png = tmp.Combine("sample.png");
        using (var image = Image.LoadPixelData<Rgb24>(sample.Pixels, sample.Size, sample.Size))
        {
            image.SaveAsPng(png);
        }

        var (code, output) = Run("predict", "--run", outDir, png);
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("sample.png", output, StringComparison.Ordinal);
        Assert.Matches(@"(\(none\)|(circle|square|triangle|cross|ring|star) [01]\.\d{3})", output);

        var bad = tmp.Combine("bad.png");
        File.WriteAllText(bad, "not an image");
        var (badCode, badOutput) = Run("predict", "--run", outDir, png, bad);
        Assert.Equal(ExitCodes.Usage, badCode);
        Assert.Contains("bad.png", badOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_train_prints_both_loops_and_their_ratio()
    {
        var (code, output) = Run("bench", "train", "--epochs", "2", "--count", "200", "--width", "4", "--depth", "2", "--batch-size", "16");
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("trainer / bare images/s (median of per-epoch ratios):", output, StringComparison.Ordinal);
        Assert.Contains("live tensors epoch 1 -> 2", output, StringComparison.Ordinal);
    }
}
