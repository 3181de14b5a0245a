namespace MultiLabel.Models;

/// <summary>
/// What the trainer and the fine-tuning helpers need to know of a model beyond its forward pass: how many labels it
/// predicts and which child is the classifier head (everything else is the backbone).
/// </summary>
public interface IMultiLabelModel
{
    /// <summary>Number of outputs: one logit per label.</summary>
    int NumLabels { get; }

    /// <summary>Name of the classifier head child; its parameters' keys start with this name and a dot.</summary>
    string HeadName { get; }
}
