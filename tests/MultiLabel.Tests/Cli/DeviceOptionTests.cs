using MultiLabel.Cli;
using MultiLabel.Runtime;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

/// <summary>--device of train, predict and bench metrics: an unknown name or an unavailable CUDA device is a usage
/// error (exit 2, one line), never a stack trace. Regression: <c>train --device cuda</c> without CUDA crashed (exit 134).</summary>
[Collection(TorchGlobalState.Name)]
public sealed class DeviceOptionTests
{
    private static readonly string[] Tiny = ["--epochs", "1", "--count", "160", "--img-size", "32", "--width", "4", "--depth", "2", "--batch-size", "16", "--quiet"];

    [Theory]
    [InlineData("auto", true)]
    [InlineData("CPU", true)]
    [InlineData(" cuda ", true)]
    [InlineData("cuda:0", true)]
    [InlineData("cuda:12", true)]
    [InlineData("gpu", false)]
    [InlineData("cuda:", false)]
    [InlineData("cuda:x", false)]
    [InlineData("cuda:-1", false)]
    [InlineData("cuda0", false)]
    [InlineData("", false)]
    public void Device_names_are_auto_cpu_cuda_or_cuda_n(string name, bool valid) =>
        Assert.Equal(valid, TorchRuntime.IsDeviceName(name));

    [Fact]
    public void An_unknown_device_name_is_refused_by_train_predict_and_bench_before_any_work()
    {
        using var tmp = new TempDir();
        foreach (var args in new[]
        {
            new[] { "train", "--device", "gpu", "--out", tmp.Combine("run") },
            ["predict", "--run", tmp.Path, "--device", "gpu", "x.png"],
            ["bench", "metrics", "--device", "gpu", "--rows", "100", "--no-sklearn"],
        })
        {
            var (code, output) = InProcessMlc.Run(args);
            Assert.True(code == ExitCodes.Usage, output);
            Assert.Contains("--device must be auto, cpu, cuda or cuda:N (got 'gpu')", output, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(tmp.Combine("run")));
    }

    [Fact]
    public void Cuda_without_cuda_is_a_usage_error_naming_the_fix_and_with_cuda_it_trains()
    {
        using var tmp = new TempDir();
        var (code, output) = InProcessMlc.Run(["train", .. Tiny, "--device", "cuda", "--out", tmp.Combine("run")]);
        if (TorchRuntime.IsCudaAvailable)
        {
            Assert.True(code == ExitCodes.Ok, output);
            return;
        }

        Assert.True(code == ExitCodes.Usage, output);
        Assert.Contains("CUDA is not available", output, StringComparison.Ordinal);
        Assert.Contains("--device cpu", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(tmp.Combine("run", "model.bin")), "nothing is trained when the device is unavailable");

        var (benchCode, benchOutput) = InProcessMlc.Run("bench", "metrics", "--device", "cuda:0", "--rows", "100", "--no-sklearn");
        Assert.True(benchCode == ExitCodes.Usage, benchOutput);
        Assert.Contains("CUDA is not available", benchOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_on_an_unavailable_cuda_device_is_a_usage_error()
    {
        if (TorchRuntime.IsCudaAvailable)
        {
            Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.ResolveDevice("cuda:99"));
            return;
        }

        using var tmp = new TempDir();
        var run = tmp.Combine("run");
        var (trained, trainOutput) = InProcessMlc.Run(["train", .. Tiny, "--out", run]);
        Assert.True(trained == ExitCodes.Ok, trainOutput);
        var image = Directory.EnumerateFiles(RepoPaths.Combine("data", "shapes", "images")).First();

        var (code, output) = InProcessMlc.Run("predict", "--run", run, "--device", "cuda", image);
        Assert.True(code == ExitCodes.Usage, output);
        Assert.Contains("--device: Device 'cuda' was asked for but CUDA is not available", output, StringComparison.Ordinal);
        Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.ResolveDevice("cuda:0"));
    }
}
