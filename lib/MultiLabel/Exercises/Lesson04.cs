using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>The exercises of notebooks/04-nn-modules.ipynb.</summary>
public static class Lesson04
{
    /// <summary>04.1: the output size of a convolution.</summary>
    public static Exercise<Func<int, int, int, int, int>> ConvOutputSize { get; } = new(
        "04.1",
        "The output size of a convolution",
        1,
        size =>
        {
            (int Size, int Kernel, int Stride, int Padding)[] cases = [(32, 3, 1, 1), (32, 3, 2, 1), (64, 5, 1, 0), (28, 4, 2, 1), (7, 7, 1, 0)];
            foreach (var (s, k, st, p) in cases)
            {
                using var conv = nn.Conv2d(1, 1, k, stride: st, padding: p);
                using var input = zeros(1, 1, s, s);
                using var output = conv.call(input);
                int actual = size(s, k, st, p);
                if (actual != output.shape[2])
                {
                    return $"ConvOutputSize(size: {s}, kernel: {k}, stride: {st}, padding: {p}) returned {actual}, but a real Conv2d gives another size: " +
                           "count the positions the kernel can take on the padded input, stepping by the stride.";
                }
            }

            return null;
        },
        [
            "Padding adds p pixels on both sides: the padded size is size + 2 * padding.",
            "A kernel of size k fits (padded - k) / stride + 1 times (integer division) when it moves by stride pixels.",
            "return (size + (2 * padding) - kernel) / stride + 1;",
        ],
        "return ((size + (2 * padding) - kernel) / stride) + 1;");

    /// <summary>04.2: count the trainable numbers of a module.</summary>
    public static Exercise<Func<nn.Module, long>> CountParameters { get; } = new(
        "04.2",
        "Count a model's parameters",
        1,
        count =>
        {
            using (var linear = nn.Linear(10, 3))
            {
                long n = count(linear);
                if (n != 33)
                {
                    return n == 30
                        ? "For Linear(10, 3) you counted only the weights: the bias has parameters too."
                        : $"For Linear(10, 3) you counted {n}: count every number in every parameter tensor.";
                }
            }

            using var cnn = new Models.SmallCnn(6, width: 8, depth: 2);
            long expected = cnn.parameters().Sum(p => p.numel());
            long counted = count(cnn);
            return counted == expected ? null : $"For a SmallCnn you counted {counted}: walk over model.parameters() (children included) and add up numel().";
        },
        [
            "model.parameters() returns every parameter tensor, those of child modules included.",
            "Each parameter's numel() is its number of elements; add them up.",
            "return model.parameters().Sum(p => p.numel());",
        ],
        "return model.parameters().Sum(p => p.numel());");

    /// <summary>04.3: a multi-label classification head: features in, one logit per label out.</summary>
    public static Exercise<Func<int, int, nn.Module<Tensor, Tensor>>> Head { get; } = new(
        "04.3",
        "A multi-label head: one logit per label",
        2,
        makeHead =>
        {
            using var head = makeHead(16, 5);
            if (head is null)
            {
                return "MakeHead returned null: return a module.";
            }

            using var features = randn(4, 16) * 10;
            using var logits = head.call(features);
            if (Verify.HasShape(logits, [4, 5], "The output for 4 images of 16 features", "one logit per image and label.") is { } shapeProblem)
            {
                return shapeProblem;
            }

            using var min = logits.min();
            using var max = logits.max();
            if (min.item<float>() >= 0 && max.item<float>() <= 1)
            {
                return "Every output lies in [0, 1]: the head should return logits; the loss applies the sigmoid itself.";
            }

            long linearLayers = head.modules().Count(m => m is TorchSharp.Modules.Linear);
            return linearLayers >= 2 && head.modules().Any(m => m is TorchSharp.Modules.ReLU)
                ? null
                : "The head should have a hidden layer: Linear, then ReLU, then Linear.";
        },
        [
            "nn.Sequential(nn.Linear(...), nn.ReLU(), nn.Linear(...)) chains layers.",
            "The first Linear maps inFeatures to a hidden size (say 32), the last maps the hidden size to numLabels. No sigmoid at the end.",
            "return nn.Sequential(nn.Linear(inFeatures, 32), nn.ReLU(), nn.Linear(32, numLabels));",
        ],
        "return nn.Sequential(nn.Linear(inFeatures, 32), nn.ReLU(), nn.Linear(32, numLabels));");
}
