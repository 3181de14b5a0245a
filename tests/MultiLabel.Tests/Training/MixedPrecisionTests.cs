using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

/// <summary>
/// Mixed precision without autocast: the master weights, the optimizer and batch-norm statistics stay float32, the
/// replica computes in bfloat16, a bf16 run learns as an fp32 one does and resumes exactly, and float16's loss scale
/// skips the steps whose gradients overflow.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class MixedPrecisionTests
{
    private static readonly CpuFeatures Bf16Cpu = CpuFeatures.Parse("model name\t: test CPU\nflags\t\t: avx2 avx512f avx512_bf16\n");
    private static readonly CpuFeatures Avx2Cpu = CpuFeatures.Parse("model name\t: old CPU\nflags\t\t: avx2\n");
    private static readonly TrainingRecipe Tiny = new() { Count = 160, ImageSize = 32, Width = 16, Depth = 2, BatchSize = 16, Epochs = 2, Seed = 3 };
    private static readonly MachineOptions Cpu = new("cpu", Workers: 0);

    private static Restore StandIn(CpuFeatures cpu)
    {
        PrecisionKind.CpuOverride.Value = cpu;
        return new Restore();
    }

    [Fact]
    public void Each_choice_says_what_it_computes_in_and_refuses_what_the_device_cannot_do()
    {
        var cpu = new Device(DeviceType.CPU);
        Assert.Null(PrecisionKind.Fp32.ComputeType(cpu, Bf16Cpu));
        Assert.Equal(ScalarType.BFloat16, PrecisionKind.Bf16.ComputeType(cpu, Bf16Cpu));
        Assert.Equal(ScalarType.BFloat16, PrecisionKind.Auto.ComputeType(cpu, Bf16Cpu, oneDnnEnabled: true));
        Assert.Null(PrecisionKind.Auto.ComputeType(cpu, Avx2Cpu)); // auto never picks an emulated type
        Assert.Null(PrecisionKind.Auto.ComputeType(cpu, Bf16Cpu, oneDnnEnabled: false)); // nor one without oneDNN's kernels

        var bf16 = Assert.Throws<PrecisionUnavailableException>(() => PrecisionKind.Bf16.ComputeType(cpu, Avx2Cpu));
        Assert.Contains("old CPU", bf16.Message, StringComparison.Ordinal);
        Assert.Contains("avx512_bf16", bf16.Message, StringComparison.Ordinal);
        var fp16 = Assert.Throws<PrecisionUnavailableException>(() => PrecisionKind.Fp16.ComputeType(cpu, Bf16Cpu));
        Assert.Contains("CUDA", fp16.Message, StringComparison.Ordinal);
        Assert.Equal("bf16", PrecisionKind.All.Resolve("bfloat16"));
        Assert.Contains(new TrainingRecipe { Precision = "fp8" }.Problems(), p => p.Property == nameof(TrainingRecipe.Precision));
    }

    [Fact]
    public void The_replica_computes_in_bf16_while_master_weights_and_batch_norm_stay_float32()
    {
        Trainer.Seed(1);
        using var master = new SmallCnn(5, width: 16, depth: 2);
        using var precision = new MixedPrecision(master, new SmallCnn(5, width: 16, depth: 2), ScalarType.BFloat16, new Device(DeviceType.CPU));
        foreach (var (name, p) in precision.Replica.named_parameters())
        {
            Assert.True((name.Contains("bn", StringComparison.Ordinal) ? ScalarType.Float32 : ScalarType.BFloat16) == p.dtype, $"{name}: {p.dtype}");
        }

        var before = master.named_buffers().ToDictionary(b => b.name, b => b.buffer.clone());
        master.train();
        using var images = randn(8, 3, 24, 24);
        using var logits = precision.Forward(images);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        using var loss = nn.functional.binary_cross_entropy_with_logits(logits, zeros(8, 5));
        loss.backward();
        Assert.True(precision.MoveGradientsToMaster());

        foreach (var (name, p) in master.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.True(p.grad is { } g && g.dtype == ScalarType.Float32 && g.abs().sum().item<float>() > 0, $"{name} has no float32 gradient");
        }

        Assert.All(precision.Replica.parameters(), p => Assert.Null(p.grad)); // moved, not copied: the next step starts from zero
        var mean = master.named_buffers().First(b => b.name.EndsWith("running_mean", StringComparison.Ordinal));
        Assert.Equal(ScalarType.Float32, mean.buffer.dtype);
        Assert.False(mean.buffer.allclose(before[mean.name]), "the replica's batch-norm statistics went back to the master");
    }

    [Fact]
    public void A_bf16_run_keeps_float32_master_weights_learns_like_fp32_and_resumes_exactly()
    {
        using var cpu = StandIn(Bf16Cpu); // where libtorch emulates bf16 it is slower, never different
        using var tmp = new TempDir();
        var bf16 = Tiny with { Precision = "bf16" };
        TrainingRunResult fp32Result, whole;
        using (var run = TrainingRun.Start(Tiny, null, Cpu))
        {
            run.Fit();
            fp32Result = run.Evaluate();
        }

        using (var run = TrainingRun.Start(bf16, tmp.Combine("whole"), Cpu))
        {
            Assert.Equal(ScalarType.BFloat16, run.Trainer.ComputeType);
            run.Fit();
            whole = run.Evaluate();
            Assert.All(run.Model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
            Assert.All(run.Trainer.Optimizer.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        }

        Assert.InRange(whole.Summary.Test.F1Micro, fp32Result.Summary.Test.F1Micro - 0.1, fp32Result.Summary.Test.F1Micro + 0.1);
        Assert.NotEqual(0, fp32Result.Summary.Test.F1Micro);

        using (var run = TrainingRun.Start(bf16, tmp.Combine("cut"), Cpu))
        using (var stop = new CancellationTokenSource())
        {
            run.Trainer.EpochCompleted += (_, _) => stop.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => run.Fit(stop.Token));
        }

        using var resumed = TrainingRun.Resume(tmp.Combine("cut"), Cpu);
        resumed.Fit();
        Assert.Equal(whole.Summary.Test, resumed.Evaluate().Summary.Test);
    }

    [Fact]
    public void Bf16_on_a_cpu_without_it_is_a_recipe_problem_that_names_the_option()
    {
        using var cpu = StandIn(Avx2Cpu);
        var problem = Assert.Throws<InvalidRecipeException>(() => TrainingRun.Start(Tiny with { Precision = "bf16" }, null, Cpu));
        Assert.Contains("avx512_bf16", problem.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(TrainingRecipe.Precision), problem.Problem?.Property);
    }

    [Fact]
    public void The_loss_scale_halves_on_overflow_skips_that_step_and_grows_after_good_steps()
    {
        var scaler = new LossScaler(initialScale: 1024, growthInterval: 3);
        scaler.Update(finite: false);
        Assert.Equal(512, scaler.Scale);
        Assert.Equal(1, scaler.SkippedSteps);
        scaler.Update(true);
        scaler.Update(true);
        Assert.Equal(512, scaler.Scale);
        scaler.Update(true);
        Assert.Equal(1024, scaler.Scale);

        // float16 gradients: d(sum of logits)/dW = 3 per weight, times the scale. At PyTorch's first scale (65536)
        // and at 32768 that exceeds float16's range (65504): two steps are skipped, then the gradient arrives unscaled.
        using var master = nn.Linear(4, 2);
        using var precision = new MixedPrecision(master, nn.Linear(4, 2), ScalarType.Float16, new Device(DeviceType.CPU));
        var fp16 = precision.Scaler!;
        using var x = ones(3, 4);
        bool finite = false;
        for (int attempt = 0; attempt < 5 && !finite; attempt++)
        {
            master.zero_grad();
            using (var loss = precision.Forward(x).sum())
            {
                (loss * fp16.Scale).backward();
            }

            finite = precision.MoveGradientsToMaster();
            fp16.Update(finite);
        }

        Assert.True(finite);
        Assert.Equal(2, fp16.SkippedSteps);
        Assert.Equal(16384, fp16.Scale);
        Assert.True(master.weight!.grad!.allclose(full(2, 4, 3f), rtol: 1e-3, atol: 1e-3), "the master's gradient is unscaled");
    }

    [Fact]
    public void Channels_last_keeps_the_values_and_the_output_and_changes_only_the_strides()
    {
        using var x = randn(2, 3, 5, 7);
        using var cl = ChannelsLast.Of(x);
        Assert.False(ChannelsLast.Is(x));
        Assert.True(ChannelsLast.Is(cl));
        Assert.Equal(x.shape, cl.shape);
        Assert.True(x.equal(cl).all().item<bool>());

        Trainer.Seed(2);
        using var model = new SmallCnn(5, width: 16, depth: 2);
        model.eval();
        using var before = model.call(x);
        ChannelsLast.Apply(model);
        Assert.All(model.named_parameters().Where(p => p.name.Contains("conv", StringComparison.Ordinal)), p => Assert.True(ChannelsLast.Is(p.parameter), p.name));
        using var after = model.call(cl);
        Assert.True(before.allclose(after, rtol: 1e-4, atol: 1e-5), "the same function in another memory layout");
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => PrecisionKind.CpuOverride.Value = null;
    }
}
