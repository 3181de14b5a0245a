using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Runtime;

/// <summary>
/// Regression tests of a oneDNN fault met on a virtualized AVX-512 AMD EPYC (libtorch 2.10): the backward-by-data
/// convolution of layers whose channel count is not a multiple of 16 returned wrong or NaN input gradients, and every
/// training test on the tiny width-4 and width-12 CNNs turned NaN within a few batches.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class ConvolutionCheckTests
{
    [Fact]
    public void After_the_check_small_channel_convolution_gradients_equal_the_unfold_reference()
    {
        var result = ConvolutionCheck.EnsureCorrectGradients();

        // Either oneDNN was right all along, or it was turned off; both leave correct gradients behind.
        Assert.True(result.OneDnnCorrect || result.OneDnnTurnedOff, result.Message);
        if (result.OneDnnTurnedOff)
        {
            Assert.False(ConvolutionCheck.OneDnnEnabled);
        }

        var error = ConvolutionCheck.MaxGradientError();
        Assert.True(error <= 1e-3, $"small-channel convolution gradients differ from the reference by {error} ({result.Message})");
    }

    [Fact]
    public void The_check_runs_once_and_a_narrow_small_cnn_triggers_it()
    {
        using var model = new SmallCnn(6, width: 4, depth: 2);
        var first = ConvolutionCheck.Result;
        Assert.NotNull(first);
        Assert.Same(first, ConvolutionCheck.EnsureCorrectGradients());
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(12, true)]
    [InlineData(24, true)]
    [InlineData(16, false)]
    [InlineData(32, false)]
    public void Only_models_with_channel_counts_off_the_multiple_of_16_are_at_risk(int width, bool atRisk)
    {
        TorchRuntime.EnsureLoaded();
        using var model = new SmallCnn(6, width: width, depth: 2);
        Assert.Equal(atRisk, ConvolutionCheck.HasUnsafeConvolution(model));
    }

    [Fact]
    public void The_check_leaves_the_global_random_generator_alone()
    {
        TorchRuntime.EnsureLoaded();
        random.manual_seed(5);
        var expected = rand(8).data<float>().ToArray();

        random.manual_seed(5);
        using (var generator = new Generator(1))
        {
            ConvolutionCheck.GradientError(4, 4, 8, generator);
        }

        Assert.Equal(expected, rand(8).data<float>().ToArray());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public void A_narrow_cnn_takes_twenty_adamw_steps_without_nan(int width)
    {
        TorchRuntime.EnsureLoaded();
        random.manual_seed(1);
        using var model = new SmallCnn(6, width: width, depth: 2);
        using var optimizer = optim.AdamW(model.parameters(), lr: 0.003);
        using var x = rand(16, 3, 32, 32);
        using var t = (rand(16, 6) > 0.7f).to(float32);
        for (int step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(x), t);
            Assert.False(float.IsNaN(loss.item<float>()), $"loss NaN at step {step}");
            loss.backward();
            optimizer.step();
        }
    }
}
