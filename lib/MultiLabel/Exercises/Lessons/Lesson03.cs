namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/03-autograd.ipynb.</summary>
public static class Lesson03
{
    /// <summary>03.1: the logistic sigmoid, by hand, right for every float32 logit.</summary>
    public static SigmoidExercise Sigmoid { get; } = new();

    /// <summary>03.2: binary cross-entropy on logits, by hand and numerically stable (and differentiable).</summary>
    public static BceWithLogitsExercise BceWithLogits { get; } = new();

    /// <summary>03.3: the gradient of the mean BCE with respect to the logits, derived by hand.</summary>
    public static BceGradientExercise BceGradient { get; } = new();

    /// <summary>03.4: a finite-difference estimate of a gradient (a gradient check).</summary>
    public static NumericalGradientExercise NumericalGradient { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [Sigmoid, BceWithLogits, BceGradient, NumericalGradient];

    /// <summary>Logits that float32 cannot squash naively, and moderate ones around them.</summary>
    internal static readonly float[] LargeLogits = [-100, -89, -88, -40, -17, 0, 17, 40, 88, 89, 100];

    /// <summary>Random logits and 0/1 targets of shape [N, L] with N != L, as tensor data.</summary>
    internal static (TensorData Logits, TensorData Targets) RandomLogits(CaseRandom random, double std = 3)
    {
        int labels = random.Between(2, 7);
        int images = random.BetweenExcept(2, 9, labels);
        return (TensorData.OfFloats([images, labels], random.NormalFloats(images * labels, std)),
                TensorData.OfFloats([images, labels], random.Targets(images, labels, 0.4).SelectMany(r => r)));
    }
}
