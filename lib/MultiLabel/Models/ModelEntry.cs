using MultiLabel.Registries;
using static TorchSharp.torch;

namespace MultiLabel.Models;

/// <summary>A network <c>mlc train --model</c> and a recipe can name: its name, a line of description and its factory.</summary>
/// <param name="Name">The name (e.g. small-cnn).</param>
/// <param name="Description">What it is, in one line.</param>
/// <param name="Create">Builds a randomly initialised network with one logit per label from the options and the label count.</param>
public sealed record ModelEntry(string Name, string Description, Func<ModelOptions, int, nn.Module<Tensor, Tensor>> Create) : IRegistryEntry
{
    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
