using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class TrainCommandTests
{
    private static (int Code, string Output) Run(params string[] args) => InProcessMlc.Run(args);

    [Fact]
    public void Train_end_to_end_on_a_tiny_configuration_writes_the_run_folder()
    {
        using var tmp = new TempDir();
        var outDir = tmp.Combine("run");
        var (code, output) = Run("train", "--epochs", "1", "--count", "160", "--img-size", "32", "--width", "4", "--depth", "2", "--batch-size", "16", "--out", outDir);

        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("micro F1", output, StringComparison.Ordinal);
        Assert.Contains("Hamming loss", output, StringComparison.Ordinal);
        Assert.Contains("epoch 1", output, StringComparison.Ordinal);
        foreach (var file in new[] { "summary.json", "model.bin", "checkpoint.bin", "config.json", "history.csv", "history.json", "labels.txt", "predictions.csv", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file + " missing");
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var test = summary.RootElement.GetProperty("test");
        foreach (var key in new[] { "f1_micro", "f1_macro", "hamming_loss", "subset_accuracy" })
        {
            Assert.InRange(test.GetProperty(key).GetDouble(), 0.0, 1.0);
        }

        Assert.True(summary.RootElement.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal("cpu", summary.RootElement.GetProperty("device").GetString());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "history.csv")).Length);
    }

    [Theory]
    [InlineData("train", "--bogus")]
    [InlineData("train", "--epochs", "abc")]
    [InlineData("train", "--epochs", "0")]
    [InlineData("train", "--device", "tpu")]
    [InlineData("train", "--loss", "hinge")]
    [InlineData("train", "--model", "vgg16")]
    [InlineData("train", "--schedule", "step")]
    [InlineData("train", "--monitor", "accuracy")]
    [InlineData("train", "--patience", "-1")]
    [InlineData("train", "--clip-grad", "-1")]
    [InlineData("train", "--weight-decay", "-0.1")]
    [InlineData("train", "--dropout", "1")]
    [InlineData("train", "--weights", "/nonexistent/w.pth")]
    [InlineData("train", "--resume", "/nonexistent/run")]
    [InlineData("train", "--data", "folder")]
    [InlineData("train", "--data", "/nonexistent/folder")]
    [InlineData("predict", "--run", "/nonexistent/run", "x.png")]
    [InlineData("predict", "x.png")]
    [InlineData("bench", "train", "--epochs", "1")]
    [InlineData("fly")]
    public void Bad_usage_exits_with_code_2_and_a_usage_hint(params string[] args)
    {
        var (code, output) = Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Error", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "--resume")]
    [InlineData("predict", "--run")]
    [InlineData("bench train", "--epochs")]
    public void Help_lists_the_options(string command, string option)
    {
        var (code, output) = Run([.. command.Split(' '), "--help"]);
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_out_folder_fails_before_training()
    {
        using var tmp = new TempDir();
        var blocker = tmp.Combine("a-file");
        File.WriteAllText(blocker, "not a folder");
        var (code, output) = Run("train", "--out", Path.Combine(blocker, "run"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--out", output, StringComparison.Ordinal);
        Assert.Contains("a-file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch", output, StringComparison.Ordinal);
    }
}
