using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/02-tensors.ipynb.</summary>
public static class Lesson02
{
    /// <summary>02.1: decoded pixels (height x width x RGB) to a [3, H, W] tensor.</summary>
    public static ToChwExercise ToChw { get; } = new();

    /// <summary>02.2: standardise each colour channel of a batch: (x - mean) / std.</summary>
    public static StandardizeExercise Standardize { get; } = new();

    /// <summary>02.3: the fraction of images that carry each label.</summary>
    public static LabelFrequencyExercise LabelFrequency { get; } = new();

    /// <summary>02.4: label index lists to a [N, L] multi-hot target tensor.</summary>
    public static MultiHotExercise MultiHot { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [ToChw, Standardize, LabelFrequency, MultiHot];

    /// <summary>The observation of a returned tensor; null is an improper answer.</summary>
    internal static TensorObservation Observe(Tensor? result, string function) =>
        new(TensorData.From(result ?? throw new ImproperAnswerException($"{function} returned null: return a tensor.")));
}
