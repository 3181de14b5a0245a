using static TorchSharp.torch;

namespace MultiLabel.Losses;

/// <summary>
/// Base of the multi-label losses: <c>call(logits [B,L], targets [B,L] in {0,1})</c> returns the mean loss over
/// all B x L cells. An optional positive weight per label (<c>pos_weight</c>, length L) multiplies the loss of
/// present labels; it is a buffer of the module, so <c>loss.to(device)</c> moves it with the model
/// (TorchSharp's own <c>BCEWithLogitsLoss(pos_weights:)</c> does not move it). The buffer is persistent on purpose:
/// TorchSharp 0.107's <c>Module.to</c> skips non-persistent buffers.
/// Taught in notebooks/09-imbalance.ipynb.
/// </summary>
public abstract class MultiLabelLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="positiveWeight">Optional weight of each label's positive term (length L), or null.</param>
    protected MultiLabelLoss(string name, float[]? positiveWeight)
        : base(name)
    {
        if (positiveWeight is not null)
        {
            if (positiveWeight.Length == 0 || positiveWeight.Any(w => !(w > 0) || float.IsInfinity(w)))
            {
                throw new ArgumentException("Every positive weight must be a finite number > 0.", nameof(positiveWeight));
            }

            register_buffer("pos_weight", tensor(positiveWeight));
        }
    }

    /// <summary>The positive weights as given, or null.</summary>
    public Tensor? PositiveWeight => get_buffer("pos_weight");

    /// <summary>The mean loss over all cells of <paramref name="logits"/> [B,L] against <paramref name="targets"/> [B,L].</summary>
    public sealed override Tensor forward(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!logits.shape.SequenceEqual(targets.shape))
        {
            throw new ArgumentException(
                $"logits [{string.Join(",", logits.shape)}] and targets [{string.Join(",", targets.shape)}] must have the same shape.");
        }

        var weight = PositiveWeight;
        if (weight is not null && (logits.dim() != 2 || logits.shape[1] != weight.shape[0]))
        {
            throw new ArgumentException($"pos_weight has {weight.shape[0]} labels but logits are [{string.Join(",", logits.shape)}].");
        }

        using var scope = NewDisposeScope();
        var y = targets.to(logits.dtype);
        var w = weight is null ? null : weight.to(logits.dtype, logits.device);
        return CellLosses(logits, y, w).mean().MoveToOuterDisposeScope();
    }

    /// <summary>The loss of every cell [B,L]; <paramref name="positiveWeight"/> is on the logits' device, or null.</summary>
    protected abstract Tensor CellLosses(Tensor logits, Tensor targets, Tensor? positiveWeight);

    /// <summary>Throws unless <paramref name="value"/> is a finite number >= 0.</summary>
    protected static double NonNegative(double value, string name) =>
        value >= 0 && !double.IsInfinity(value) ? value : throw new ArgumentOutOfRangeException(name, value, "must be a finite number >= 0");

    /// <summary>Multiplies the positive term by the positive weight when there is one.</summary>
    protected static Tensor WeightPositives(Tensor positiveTerm, Tensor? positiveWeight) =>
        positiveWeight is null ? positiveTerm : positiveTerm * positiveWeight;
}
