using System.Globalization;
using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>The exercises of notebooks/03-autograd.ipynb.</summary>
public static class Lesson03
{
    /// <summary>03.1: the logistic sigmoid written by hand.</summary>
    public static Exercise<Func<Tensor, Tensor>> Sigmoid { get; } = new(
        "03.1",
        "Sigmoid by hand",
        1,
        sigmoid =>
        {
            using var z = linspace(-12, 12, 25);
            var result = sigmoid(z);
            using var expected = z.sigmoid();
            return Verify.NotNull(result, "Sigmoid")
                ?? Verify.HasShape(result, [25], "Sigmoid of 25 values", "the sigmoid works element by element and keeps the shape.")
                ?? Verify.Close(result, expected, "Sigmoid(z) for z from -12 to 12", 1e-5);
        },
        [
            "sigmoid(z) = 1 / (1 + e^(-z)), element by element.",
            "torch.exp(-z) computes e^(-z) for every element; arithmetic operators work element by element on tensors.",
            "return 1 / (1 + torch.exp(-z));",
        ],
        "return 1 / (1 + torch.exp(-z));");

    /// <summary>03.2: binary cross-entropy on logits, written by hand and numerically stable.</summary>
    public static Exercise<Func<Tensor, Tensor, Tensor>> BceWithLogits { get; } = new(
        "03.2",
        "Binary cross-entropy on logits, by hand",
        2,
        bce =>
        {
            using var logits = tensor(new float[] { -3, -0.5f, 0, 0.5f, 2, 4, -1, 1.5f }, [2, 4]);
            using var targets = tensor(new float[] { 0, 1, 1, 0, 1, 1, 0, 0 }, [2, 4]);
            var result = bce(logits, targets);
            if (Verify.NotNull(result, "BceWithLogits") is { } nullProblem)
            {
                return nullProblem;
            }

            if (result.numel() != 1)
            {
                return $"The loss has shape {Verify.Shape(result.shape)}: return the mean over all elements, a single number.";
            }

            using var expected = nn.functional.binary_cross_entropy_with_logits(logits, targets);
            if (Verify.Close(result.reshape(1), expected.reshape(1), "The loss on moderate logits", 1e-4) is { } valueProblem)
            {
                using var sum = nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.Sum);
                return Math.Abs(result.item<float>() - sum.item<float>()) < 1e-3
                    ? "Your loss is the sum over the elements; take the mean instead."
                    : valueProblem + " The loss is -[y log(p) + (1 - y) log(1 - p)] with p = sigmoid(z), averaged over all elements.";
            }

            using var large = tensor(new float[] { -40, 40, 40, -40 });
            using var largeTargets = tensor(new float[] { 1, 0, 1, 0 });
            var extreme = bce(large, largeTargets);
            return float.IsFinite(extreme.item<float>())
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"For logits of size 40 your loss is {extreme.item<float>()}: sigmoid(40) rounds to 1 in float32 and log(1 - 1) is -infinity. Rewrite the loss so that it never takes the log of a rounded probability (Hint(3)).");
        },
        [
            "Start from the definition: p = sigmoid(z); loss = -(y * log(p) + (1 - y) * log(1 - p)), then .mean().",
            "The definition breaks for large |z| in float32. Use log(sigmoid(z)) = -log(1 + e^(-z)) and log(1 - sigmoid(z)) = -z - log(1 + e^(-z)), and keep the exponent negative.",
            "Stable form: max(z, 0) - z * y + log(1 + e^(-|z|)); in TorchSharp: logits.relu() - logits * targets + torch.log1p(torch.exp(-logits.abs())).",
        ],
        """
        var loss = logits.relu() - (logits * targets) + torch.log1p(torch.exp(-logits.abs()));
        return loss.mean();
        """);

    /// <summary>03.3: the gradient of the mean BCE with respect to the logits, derived by hand.</summary>
    public static Exercise<Func<Tensor, Tensor, Tensor>> BceGradient { get; } = new(
        "03.3",
        "The gradient of BCE with respect to the logits",
        2,
        gradient =>
        {
            using var logits = tensor(new float[] { -2, -0.5f, 0, 0.5f, 1, 3 }, [2, 3]);
            using var targets = tensor(new float[] { 0, 1, 1, 0, 1, 0 }, [2, 3]);
            var result = gradient(logits, targets);
            if ((Verify.NotNull(result, "BceGradient") ?? Verify.HasShape(result, [2, 3], "The gradient", "it has one value per logit.")) is { } shapeProblem)
            {
                return shapeProblem;
            }

            using var z = logits.detach().clone().requires_grad_(true);
            using var loss = nn.functional.binary_cross_entropy_with_logits(z, targets);
            loss.backward();
            using var expected = z.grad!.clone();
            if (Verify.Close(result, expected, "Your gradient", 1e-4) is { } problem)
            {
                using var scaled = result / 6;
                return Verify.Close(scaled, expected, "scaled", 1e-4) is null
                    ? "The direction is right but the size is 6 times too large: the loss is a mean over all N x L = 6 elements."
                    : problem + " Compare with z.grad after loss.backward().";
            }

            return null;
        },
        [
            "Let autograd show you the answer's shape first: z.requires_grad_(true), compute the loss, call backward() and look at z.grad.",
            "For one element, d/dz of -(y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))) simplifies to sigmoid(z) - y.",
            "The loss is a mean over all elements, so divide by their number: (torch.sigmoid(logits) - targets) / logits.numel().",
        ],
        "return (torch.sigmoid(logits) - targets) / logits.numel();");
}
