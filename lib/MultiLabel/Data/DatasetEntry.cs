using MultiLabel.Augment;
using MultiLabel.Registries;

namespace MultiLabel.Data;

/// <summary>A dataset a recipe and <c>--data</c> can name: its loader and the input transform its models expect.</summary>
/// <param name="Name">The name (e.g. shapes).</param>
/// <param name="Description">What it is, in one line.</param>
/// <param name="Load">Loads the three splits with their default transforms.</param>
/// <param name="InputTransform">Turns any image into the input this dataset's models expect (what <c>mlc predict</c> applies).</param>
public sealed record DatasetEntry(string Name, string Description, Func<DataSourceOptions, DataSplits> Load, Func<DataSourceOptions, ITransform> InputTransform)
    : IRegistryEntry
{
    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
