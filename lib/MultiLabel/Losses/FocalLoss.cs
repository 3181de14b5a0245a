using static TorchSharp.torch;

namespace MultiLabel.Losses;

/// <summary>
/// Focal loss (Lin et al. 2017) per label: easy, confident cells are down-weighted by <c>(1 - p_t)^gamma</c>:
/// <c>-(alpha * w_l * y * (1 - p)^gamma * log p + (1 - alpha) * (1 - y) * p^gamma * log(1 - p))</c> with
/// <c>p = sigmoid(x)</c>. Without alpha both terms have weight 1. Gradients flow through the focusing factor.
/// Taught in notebooks/09-imbalance.ipynb.
/// </summary>
public sealed class FocalLoss : MultiLabelLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="gamma">Focusing parameter (0 gives binary cross-entropy).</param>
    /// <param name="alpha">Weight of the positive term in (0, 1), the negative term gets 1 - alpha; null for none.</param>
    /// <param name="positiveWeight">Optional weight of each label's positive term (length L).</param>
    public FocalLoss(double gamma = 2.0, double? alpha = null, float[]? positiveWeight = null)
        : base(nameof(FocalLoss), positiveWeight)
    {
        if (alpha is { } a && !(a > 0 && a < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be in (0, 1)");
        }

        Gamma = NonNegative(gamma, nameof(gamma));
        Alpha = alpha;
    }

    /// <summary>The focusing parameter.</summary>
    public double Gamma { get; }

    /// <summary>The weight of positive terms, or null.</summary>
    public double? Alpha { get; }

    /// <inheritdoc />
    protected override Tensor CellLosses(Tensor logits, Tensor targets, Tensor? positiveWeight)
    {
        var p = sigmoid(logits);
        var positive = targets * Focus(1 - p, Gamma) * nn.functional.logsigmoid(logits);
        var negative = (1 - targets) * Focus(p, Gamma) * nn.functional.logsigmoid(-logits);
        if (Alpha is { } alpha)
        {
            positive = alpha * positive;
            negative = (1 - alpha) * negative;
        }

        return -(WeightPositives(positive, positiveWeight) + negative);
    }

    /// <summary><c>x^gamma</c>, exactly 1 for gamma 0 (avoids pow's undefined gradient at 0).</summary>
    internal static Tensor Focus(Tensor x, double gamma) => gamma == 0 ? ones_like(x) : x.pow(gamma);
}
