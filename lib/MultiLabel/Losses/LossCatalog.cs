namespace MultiLabel.Losses;

/// <summary>Creates a loss by kind with its default hyper-parameters.</summary>
public static class LossCatalog
{
    /// <summary>The loss of <paramref name="kind"/>, with optional positive weights.</summary>
    public static MultiLabelLoss Create(LossKind kind, float[]? positiveWeight = null) => kind switch
    {
        LossKind.Bce => new BceLoss(positiveWeight),
        LossKind.Focal => new FocalLoss(positiveWeight: positiveWeight),
        LossKind.Asl => new AsymmetricLoss(positiveWeight: positiveWeight),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };
}
