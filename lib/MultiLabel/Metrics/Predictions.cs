using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// What a model predicted for a set of images, with the truth: the content of a run's predictions.csv
/// (<see cref="PredictionsFile"/>), from which reports and evaluations are rebuilt without the model.
/// </summary>
/// <param name="Labels">The label names, in column order.</param>
/// <param name="Names">The image names, in row order.</param>
/// <param name="Targets">True labels (0/1), row by row (Names.Count x Labels.Count).</param>
/// <param name="Scores">Predicted probabilities, row by row.</param>
public sealed record Predictions(IReadOnlyList<string> Labels, IReadOnlyList<string> Names, float[] Targets, float[] Scores)
{
    /// <summary>Number of images.</summary>
    public int Count => Names.Count;

    /// <summary>The true labels as a float32 tensor [N,L] on the CPU.</summary>
    public Tensor TargetTensor() => tensor(Targets, [Count, Labels.Count]);

    /// <summary>The probabilities as a float32 tensor [N,L] on the CPU.</summary>
    public Tensor ScoreTensor() => tensor(Scores, [Count, Labels.Count]);
}
