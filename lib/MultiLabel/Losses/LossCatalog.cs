using MultiLabel.Registries;

namespace MultiLabel.Losses;

/// <summary>The losses a recipe and <c>mlc train --loss</c> can name: one <see cref="LossEntry"/> each.</summary>
public static class LossCatalog
{
    /// <summary>Every loss, the default first. Adding a loss is adding an entry here.</summary>
    public static Registry<LossEntry> Losses { get; } = new("loss",
    [
        new("bce", "binary cross-entropy on logits, one independent yes/no per label", w => new BceLoss(w)),
        new("focal", "focal loss (gamma 2): easy, confident cells count less", w => new FocalLoss(positiveWeight: w)),
        new("asl", "asymmetric loss (gamma- 4, clip 0.05): easy negatives count much less", w => new AsymmetricLoss(positiveWeight: w)),
    ]);

    /// <summary>The loss called <paramref name="name"/>, with optional positive weights.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static MultiLabelLoss Create(string name, float[]? positiveWeight = null) => Losses.Get(name).Create(positiveWeight);
}
