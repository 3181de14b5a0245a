using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/04-nn-modules.ipynb.</summary>
public static class Lesson04
{
    /// <summary>04.1: the output size of a convolution (or pooling) along one side.</summary>
    public static ConvOutputSizeExercise ConvOutputSize { get; } = new();

    /// <summary>04.2: the receptive field of a stack of convolutions and poolings.</summary>
    public static ReceptiveFieldExercise ReceptiveField { get; } = new();

    /// <summary>04.3: a multi-label classification head: features in, one logit per label out.</summary>
    public static HeadExercise Head { get; } = new();

    /// <summary>04.4: the forward pass of a small CNN (a custom module).</summary>
    public static CnnForwardExercise CnnForward { get; } = new();

    /// <summary>04.5: one minibatch step of gradient descent with an optimizer.</summary>
    public static TrainStepExercise TrainStep { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [ConvOutputSize, ReceptiveField, Head, CnnForward, TrainStep];

    /// <summary>Normal random data of <paramref name="shape"/> scaled by <paramref name="std"/>.</summary>
    internal static TensorData Normal(CaseRandom random, long[] shape, double std = 1) =>
        TensorData.OfFloats(shape, random.NormalFloats((int)shape.Aggregate(1L, (a, b) => a * b), std));

    /// <summary>The module an answer returned; null is an improper answer.</summary>
    internal static T Returned<T>(T? module, string function)
        where T : nn.Module =>
        module ?? throw new ImproperAnswerException($"{function} returned null: return a module.");
}
