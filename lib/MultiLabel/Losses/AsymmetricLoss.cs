using static TorchSharp.torch;

namespace MultiLabel.Losses;

/// <summary>
/// Asymmetric loss (Ridnik et al. 2021, "Asymmetric Loss For Multi-Label Classification"): positives and negatives
/// get their own focusing, and easy negatives are discarded by shifting their probability down by a margin:
/// <c>L+ = (1 - p)^gamma_pos * log p</c>, <c>L- = p_m^gamma_neg * log(1 - p_m)</c> with
/// <c>p_m = max(p - clip, 0)</c>; the cell loss is <c>-(w_l * y * L+ + (1 - y) * L-)</c>. Logarithms are clamped
/// at <see cref="Epsilon"/> as in the paper's code. Defaults are the paper's (gamma_neg 4, gamma_pos 0, clip 0.05).
/// The paper sums over cells; this class averages (divide the learning rate accordingly when comparing).
/// Taught in notebooks/09-imbalance.ipynb.
/// </summary>
public sealed class AsymmetricLoss : MultiLabelLoss
{
    /// <summary>Floor of the probabilities inside the logarithms.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>Creates the loss.</summary>
    /// <param name="gammaNegative">Focusing of negatives (absent labels).</param>
    /// <param name="gammaPositive">Focusing of positives (present labels).</param>
    /// <param name="clip">Probability margin subtracted from negatives, in [0, 1).</param>
    /// <param name="positiveWeight">Optional weight of each label's positive term (length L).</param>
    public AsymmetricLoss(double gammaNegative = 4.0, double gammaPositive = 0.0, double clip = 0.05, float[]? positiveWeight = null)
        : base(nameof(AsymmetricLoss), positiveWeight)
    {
        if (!(clip >= 0 && clip < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(clip), clip, "must be in [0, 1)");
        }

        GammaNegative = NonNegative(gammaNegative, nameof(gammaNegative));
        GammaPositive = NonNegative(gammaPositive, nameof(gammaPositive));
        Clip = clip;
    }

    /// <summary>Focusing of negatives.</summary>
    public double GammaNegative { get; }

    /// <summary>Focusing of positives.</summary>
    public double GammaPositive { get; }

    /// <summary>Probability margin of negatives.</summary>
    public double Clip { get; }

    /// <inheritdoc />
    protected override Tensor CellLosses(Tensor logits, Tensor targets, Tensor? positiveWeight)
    {
        var p = sigmoid(logits);
        var shifted = Clip > 0 ? (p - Clip).clamp_min(0) : p;
        var positive = targets * FocalLoss.Focus(1 - p, GammaPositive) * p.clamp_min(Epsilon).log();
        var negative = (1 - targets) * FocalLoss.Focus(shifted, GammaNegative) * (1 - shifted).clamp_min(Epsilon).log();
        return -(WeightPositives(positive, positiveWeight) + negative);
    }
}
