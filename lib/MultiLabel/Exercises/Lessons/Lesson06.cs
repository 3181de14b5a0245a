using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/06-models.ipynb.</summary>
public static class Lesson06
{
    /// <summary>06.1: replace a network's head by a new one for another number of labels.</summary>
    public static ReplaceHeadExercise ReplaceHead { get; } = new();

    /// <summary>06.2: freeze everything but the head and count the trainable parameters.</summary>
    public static FreezeBackboneExercise FreezeAllButHead { get; } = new();

    /// <summary>06.3: two parameter groups, the head at the full learning rate and the backbone at a smaller one.</summary>
    public static ParameterGroupsExercise ParameterGroups { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [ReplaceHead, FreezeAllButHead, ParameterGroups];

    /// <summary>
    /// A small network laid out like the lesson's models: a backbone (conv1, bn1, ReLU, global average pooling,
    /// flatten), optionally a child <c>proj</c> that holds a layer named like the head (<paramref name="spec"/>'s
    /// NestedTrap) and a child whose name begins with the head's (NormTrap), then the head, a Linear layer.
    /// </summary>
    internal static TorchSharp.Modules.Sequential Network(NetworkSpec spec)
    {
        int c = spec.Channels;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("conv1", nn.Conv2d(3, c, 3, padding: 1, bias: false)),
            ("bn1", nn.BatchNorm2d(c)),
            ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
        };
        if (spec.NestedTrap)
        {
            layers.Add(("proj", nn.Sequential((spec.HeadName, nn.Linear(c, c)), ("act", nn.ReLU()))));
        }

        if (spec.NormTrap)
        {
            layers.Add((spec.HeadName + "_norm", nn.BatchNorm1d(c)));
        }

        layers.Add((spec.HeadName, nn.Linear(c, spec.Labels)));
        var network = nn.Sequential([.. layers]);
        ModuleWeights.Fill(network, spec.Seed);
        return network;
    }

    /// <summary>The names of the parameters of <paramref name="model"/>'s BatchNorm layers.</summary>
    internal static HashSet<string> BatchNormParameters(nn.Module model) =>
        [.. model.named_modules()
            .Where(m => m.module is TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d)
            .SelectMany(m => m.module.named_parameters().Select(p => m.name + "." + p.name))];

    /// <summary>True for a parameter name that belongs to the top-level child <paramref name="headName"/>.</summary>
    internal static bool InHead(string name, string headName) => name.StartsWith(headName + ".", StringComparison.Ordinal);
}

/// <summary>A test network of lesson 06 (see <c>Lesson06.Network</c>).</summary>
/// <param name="HeadName">The head's child name ("fc", "head", "classifier").</param>
/// <param name="Channels">Features the backbone gives.</param>
/// <param name="Labels">Outputs of the head.</param>
/// <param name="NestedTrap">The backbone holds a layer named like the head (<c>proj.fc</c>).</param>
/// <param name="NormTrap">A child named like the head plus "_norm" sits before it (as in some vision transformers).</param>
/// <param name="Seed">Seed of the weights.</param>
public sealed record NetworkSpec(string HeadName, int Channels, int Labels, bool NestedTrap, bool NormTrap, int Seed);
