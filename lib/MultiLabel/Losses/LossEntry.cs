using MultiLabel.Registries;

namespace MultiLabel.Losses;

/// <summary>A loss <c>mlc train --loss</c> and a recipe can name: its name, a line of description and its factory.</summary>
/// <param name="Name">The name (e.g. bce).</param>
/// <param name="Description">What it is, in one line.</param>
/// <param name="Create">Builds the loss with its default hyper-parameters and optional positive weights (one per label).</param>
public sealed record LossEntry(string Name, string Description, Func<float[]?, MultiLabelLoss> Create) : IRegistryEntry
{
    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
