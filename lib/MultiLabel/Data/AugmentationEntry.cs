using MultiLabel.Augment;
using MultiLabel.Registries;

namespace MultiLabel.Data;

/// <summary>A training augmentation a recipe and <c>--augment</c> can name.</summary>
/// <param name="Name">The name (e.g. auto).</param>
/// <param name="Description">What it does, in one line.</param>
/// <param name="Select">The per-sample training transform for a loaded dataset (null: none).</param>
public sealed record AugmentationEntry(string Name, string Description, Func<DataSplits, ITransform?> Select) : IRegistryEntry
{
    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
