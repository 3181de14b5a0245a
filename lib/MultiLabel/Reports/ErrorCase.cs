namespace MultiLabel.Reports;

/// <summary>One wrong decision about one label of one image.</summary>
/// <param name="Sample">The image's row.</param>
/// <param name="Name">The image's name.</param>
/// <param name="Label">The label's name.</param>
/// <param name="Probability">The predicted probability of the label.</param>
/// <param name="FalsePositive">True for a label predicted but absent, false for a label present but missed.</param>
/// <param name="TrueLabels">All true labels of the image.</param>
/// <param name="PredictedLabels">All predicted labels of the image.</param>
public sealed record ErrorCase(int Sample, string Name, string Label, double Probability, bool FalsePositive, IReadOnlyList<string> TrueLabels, IReadOnlyList<string> PredictedLabels);
