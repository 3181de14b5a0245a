using static TorchSharp.torch;

namespace MultiLabel.Losses;

/// <summary>
/// Binary cross-entropy on logits, one independent yes/no per label:
/// <c>-(w_l * y * log sigmoid(x) + (1 - y) * log(1 - sigmoid(x)))</c>, computed with log-sigmoid for stability.
/// With a positive weight w_l (e.g. from <see cref="PositiveWeights.FromLabelFrequencies"/>) rare labels count more.
/// Taught in notebooks/09-imbalance.ipynb.
/// </summary>
public sealed class BceLoss : MultiLabelLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="positiveWeight">Optional weight of each label's positive term (length L).</param>
    public BceLoss(float[]? positiveWeight = null)
        : base(nameof(BceLoss), positiveWeight)
    {
    }

    /// <inheritdoc />
    protected override Tensor CellLosses(Tensor logits, Tensor targets, Tensor? positiveWeight)
    {
        var positive = WeightPositives(targets * nn.functional.logsigmoid(logits), positiveWeight);
        var negative = (1 - targets) * nn.functional.logsigmoid(-logits);
        return -(positive + negative);
    }
}
