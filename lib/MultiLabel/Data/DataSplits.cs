using MultiLabel.Augment;

namespace MultiLabel.Data;

/// <summary>A dataset ready for training: three splits, the transforms that suit it and what was skipped.</summary>
/// <param name="Name">The dataset's name (shapes, mnist-multi, voc2007, folder).</param>
/// <param name="Description">Where the data came from, for logs.</param>
/// <param name="Train">The training split.</param>
/// <param name="Val">The validation split.</param>
/// <param name="Test">The held-out test split.</param>
/// <param name="TrainTransform">The default training augmentation for this data (null: none).</param>
/// <param name="EvalTransform">The transform for validation and test (null: none; e.g. a resize for photos).</param>
/// <param name="Skipped">Bad images left out under <see cref="BadImagePolicy.Skip"/>.</param>
public sealed record DataSplits(
    string Name,
    string Description,
    IImageDataset Train,
    IImageDataset Val,
    IImageDataset Test,
    ITransform? TrainTransform,
    ITransform? EvalTransform,
    IReadOnlyList<SkippedImage> Skipped)
{
    /// <summary>The label vocabulary (the same for all splits).</summary>
    public LabelVocabulary Labels => Train.Labels;
}
