using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;
using TorchSharp;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 03 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson03CheckTests
{
    [Fact]
    public void Sigmoid_rejects_the_overflowing_form_the_mirror_image_and_tanh_and_accepts_any_stable_form()
    {
        var check = Lesson03.Sigmoid;
        Rejected(check.Evaluate(z => z.exp() / (1 + z.exp())), "NaN for large logits");
        Rejected(check.Evaluate(z => 1 / (1 + z.exp())), "decreases");
        Rejected(check.Evaluate(z => z.tanh()), "is not right");
        Rejected(check.Evaluate(z => (1 / (1 + (-z).exp())).to(ScalarType.Float64)), "dtype Float64");
        Assert.Equal(CheckStatus.Passed, check.Evaluate(z => 1 - (1 / (1 + z.exp()))).Status);
        Assert.Equal(CheckStatus.Passed, check.Evaluate(z => torch.where(z >= 0, 1 / (1 + (-z.abs()).exp()), (-z.abs()).exp() / (1 + (-z.abs()).exp()))).Status);
    }

    [Fact]
    public void Bce_rejects_the_naive_form_a_clamped_log_a_clamped_probability_the_sum_and_a_detached_loss()
    {
        var check = Lesson03.BceWithLogits;
        Rejected(check.Evaluate((z, y) =>
        {
            var p = z.sigmoid();
            return (-((y * p.log()) + ((1 - y) * (1 - p).log()))).mean();
        }), "log(0) is -infinity");
        Rejected(check.Evaluate((z, y) => nn.functional.binary_cross_entropy(z.sigmoid(), y)), "clamps the log at -100");
        Rejected(check.Evaluate((z, y) =>
        {
            var p = z.sigmoid().clamp(1e-7, 1 - 1e-7);
            return (-((y * p.log()) + ((1 - y) * (1 - p).log()))).mean();
        }), "finite but not right for large logits");
        Rejected(check.Evaluate((z, y) => nn.functional.binary_cross_entropy_with_logits(z, y, reduction: nn.Reduction.Sum)), "the sum over the elements");
        Rejected(check.Evaluate((z, y) => nn.functional.binary_cross_entropy_with_logits(z.detach(), y)), "autograd cannot differentiate");
        Rejected(check.Evaluate((z, y) => nn.functional.binary_cross_entropy_with_logits(z, y, reduction: nn.Reduction.None)), "a single number");
    }

    [Fact]
    public void Bce_rejects_right_values_with_a_nan_gradient_and_accepts_the_built_in()
    {
        var check = Lesson03.BceWithLogits;
        Rejected(check.Evaluate((z, y) => torch.where(z > 0, ((1 - y) * z) + (-z).exp().log1p(), (-y * z) + z.exp().log1p()).mean()), "values are right but their gradient is not");
        Assert.Equal(CheckStatus.Passed, check.Evaluate((z, y) => nn.functional.binary_cross_entropy_with_logits(z, y)).Status);
        Assert.Equal(CheckStatus.Passed, check.Evaluate((z, y) => (-((y * nn.functional.logsigmoid(z)) + ((1 - y) * nn.functional.logsigmoid(-z)))).mean()).Status);
    }

    [Fact]
    public void BceGradient_rejects_a_forgotten_mean_a_mean_over_images_only_the_wrong_sign_and_the_sigmoid_derivative()
    {
        var check = Lesson03.BceGradient;
        Rejected(check.Evaluate((z, y) => z.sigmoid() - y), "6 times too large");
        Rejected(check.Evaluate((z, y) => (z.sigmoid() - y) / z.shape[0]), "number of images only");
        Rejected(check.Evaluate((z, y) => (y - z.sigmoid()) / z.numel()), "the wrong way");
        Rejected(check.Evaluate((z, y) => z.sigmoid() * (1 - z.sigmoid()) / z.numel()), "is not right");
    }

    [Fact]
    public void NumericalGradient_rejects_a_one_sided_difference_a_missing_factor_a_single_move_a_point_left_moved_and_float32()
    {
        var check = Lesson03.NumericalGradient;
        Rejected(check.Evaluate((f, x, eps) => Differences(f, x, eps, forward: true)), "centred");
        Rejected(check.Evaluate((f, x, eps) => Differences(f, x, eps, divisor: 1)), "twice as large");
        Rejected(check.Evaluate((f, x, eps) => ((f(x + eps) - f(x - eps)) / (2 * eps)) * ones_like(x)), "moving all coordinates at once");
        Rejected(check.Evaluate((f, x, eps) => Differences(f, x, eps, restore: false)), "put every coordinate back");
        Rejected(check.Evaluate((f, x, eps) => Differences(f, x.to(ScalarType.Float32), eps)), "need Float64");
        Rejected(check.Evaluate((f, x, eps) => f(x.to(ScalarType.Float32)).item<double>() * ones_like(x)), "item<float>() for Float32");
    }

    private static Tensor Differences(Func<Tensor, Tensor> f, Tensor x, double eps, bool forward = false, double divisor = 2, bool restore = true)
    {
        var gradient = zeros_like(x);
        var flat = x.view(-1);
        var flatGradient = gradient.view(-1);
        double at = f(x).to(ScalarType.Float64).item<double>();
        for (long i = 0; i < flat.numel(); i++)
        {
            double old = flat[i].to(ScalarType.Float64).item<double>();
            flat[i] = tensor(old + eps, x.dtype);
            double plus = f(x).to(ScalarType.Float64).item<double>();
            flat[i] = tensor(old - eps, x.dtype);
            double minus = f(x).to(ScalarType.Float64).item<double>();
            if (restore)
            {
                flat[i] = tensor(old, x.dtype);
            }

            flatGradient[i] = tensor(forward ? (plus - at) / eps : (plus - minus) / (divisor * eps), x.dtype);
        }

        return gradient;
    }
}
