using static TorchSharp.torch;

namespace MultiLabel.Models;

/// <summary>Builds the networks <c>mlc train --model</c> offers, by name.</summary>
public static class ModelCatalog
{
    /// <summary>The small CNN for the embedded data.</summary>
    public const string SmallCnn = "small-cnn";

    /// <summary>All model names.</summary>
    public static IReadOnlyList<string> Names { get; } = [SmallCnn, "mini-resnet", "resnet18", "resnet34", "resnet50"];

    /// <summary>Creates a randomly initialised model with <paramref name="numLabels"/> outputs.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known ones.</exception>
    public static nn.Module<Tensor, Tensor> Create(ModelOptions options, int numLabels)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Name switch
        {
            SmallCnn => new Models.SmallCnn(numLabels, options.Width, options.Depth, options.Dropout, options.BatchNorm),
            "mini-resnet" => new MiniResNet(numLabels),
            "resnet18" => new ResNetClassifier(18, numLabels),
            "resnet34" => new ResNetClassifier(34, numLabels),
            "resnet50" => new ResNetClassifier(50, numLabels),
            _ => throw new ArgumentException($"Unknown model '{options.Name}': use {string.Join(", ", Names)}.", nameof(options)),
        };
    }
}
