namespace MultiLabel.Losses;

/// <summary>The losses <c>mlc train --loss</c> offers.</summary>
public enum LossKind
{
    /// <summary>Binary cross-entropy on logits (<see cref="BceLoss"/>).</summary>
    Bce,

    /// <summary>Focal loss (<see cref="FocalLoss"/>).</summary>
    Focal,

    /// <summary>Asymmetric loss (<see cref="AsymmetricLoss"/>).</summary>
    Asl,
}
