using MultiLabel.Augment;
using MultiLabel.Registries;

namespace MultiLabel.Data;

/// <summary>The training augmentations a recipe and <c>--augment</c> can name: one <see cref="AugmentationEntry"/> each.</summary>
public static class AugmentationCatalog
{
    /// <summary>Every augmentation, the default first. Adding one is adding an entry here.</summary>
    public static Registry<AugmentationEntry> Augmentations { get; } = new("augmentation",
    [
        new("auto", "the dataset's own default (shapes: flips, quarter turns, colour jitter; mnist-multi: none)", data => data.TrainTransform),
        new("none", "no augmentation", _ => null),
        new("shapes", "random flips, quarter turns and a mild colour jitter (labels stay true)", _ => Transforms.ShapesTraining),
    ]);

    /// <summary>The training transform the augmentation <paramref name="name"/> gives for <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static ITransform? TrainTransform(string name, DataSplits data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Augmentations.Get(name).Select(data);
    }
}
