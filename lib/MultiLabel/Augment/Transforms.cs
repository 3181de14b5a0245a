namespace MultiLabel.Augment;

/// <summary>
/// The catalog of ready-made pipelines, so a notebook or the CLI can name one instead of building it.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class Transforms
{
    /// <summary>
    /// Training augmentation for the embedded shapes data: horizontal and vertical flips, a random quarter turn and a
    /// mild colour jitter. All of them keep every label true (a rotated star is still a star) and keep the image size.
    /// </summary>
    public static ITransform ShapesTraining { get; } = new Compose(
        new RandomHorizontalFlip(),
        new RandomVerticalFlip(),
        new RandomRotation90(),
        new ColorJitter(brightness: 0.15, contrast: 0.15, saturation: 0.15));

    /// <summary>ImageNet-style training augmentation: a random resized crop to <paramref name="size"/> and a horizontal flip.</summary>
    public static ITransform ImageNetTraining(int size) => new Compose(new RandomResizedCrop(size), new RandomHorizontalFlip());

    /// <summary>ImageNet-style evaluation: resize the shorter side to size x 256 / 224, then centre-crop <paramref name="size"/>.</summary>
    public static ITransform ImageNetEvaluation(int size) => new Compose(new Resize(size * 256 / 224), new CenterCrop(size));

    /// <summary>Resizes every image to exactly <paramref name="size"/> x <paramref name="size"/> (for datasets of mixed sizes).</summary>
    public static ITransform FixedSize(int size) => new Resize(size, size);
}
