using MultiLabel.Cli;
using MultiLabel.Models;
using MultiLabel.Models.Pretraining;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

[Collection(TorchGlobalState.Name)]
public sealed class PretrainCommandTests
{
    [Fact]
    public void A_tiny_pretraining_writes_weights_that_load_and_their_sha256()
    {
        using var tmp = new TempDir();
        var output = tmp.Combine("out", "tiny.bin");
        var (code, text) = InProcessMlc.Run("pretrain", "--out", output, "--images", "64", "--val-images", "16", "--epochs", "1", "--batch-size", "32");
        Assert.Equal(ExitCodes.Ok, code);
        var hash = BackbonePretraining.Sha256Of(output);
        Assert.Contains("sha256 " + hash, text, StringComparison.Ordinal);
        Assert.Contains("epoch 1/1", text, StringComparison.Ordinal);
        Assert.Equal($"{hash}  tiny.bin\n", File.ReadAllText(output + ".sha256"));
        using var model = new MiniResNet(3);
        Assert.Equal(["fc.bias", "fc.weight"], PretrainedWeights.Load(model, output).Skipped);
    }

    [Theory]
    [InlineData("pretrain")]
    [InlineData("pretrain", "--out", "x.bin", "--task", "colour")]
    [InlineData("pretrain", "--out", "x.bin", "--epochs", "0")]
    [InlineData("pretrain", "--out", "x.bin", "--images", "10", "--batch-size", "64")]
    [InlineData("pretrain", "--out", "x.bin", "--lr", "-1")]
    public void Bad_usage_exits_with_code_2(params string[] args)
    {
        var (code, text) = InProcessMlc.Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Error", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var (code, text) = InProcessMlc.Run("pretrain", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--task", text, StringComparison.Ordinal);
        Assert.Contains("--data-seed", text, StringComparison.Ordinal);
    }
}
