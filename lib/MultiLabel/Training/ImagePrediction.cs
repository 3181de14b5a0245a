namespace MultiLabel.Training;

/// <summary>One label's score for an image.</summary>
/// <param name="Label">The label.</param>
/// <param name="Probability">The model's probability.</param>
/// <param name="Threshold">The run's threshold for this label.</param>
public sealed record LabelScore(string Label, double Probability, double Threshold)
{
    /// <summary>True when the label is predicted: probability >= threshold.</summary>
    public bool Predicted => Probability >= Threshold;
}

/// <summary>What a finished run predicts for one image.</summary>
/// <param name="Source">The image file (or a name the caller gave).</param>
/// <param name="Scores">Every label's score, in the run's label order.</param>
public sealed record ImagePrediction(string Source, IReadOnlyList<LabelScore> Scores)
{
    /// <summary>The predicted labels, most probable first.</summary>
    public IReadOnlyList<LabelScore> Predicted => [.. Scores.Where(s => s.Predicted).OrderByDescending(s => s.Probability)];
}
