using MultiLabel.Registries;
using static TorchSharp.torch;

namespace MultiLabel.Models;

/// <summary>The networks a recipe and <c>mlc train --model</c> can name: one <see cref="ModelEntry"/> each.</summary>
public static class ModelCatalog
{
    /// <summary>The small CNN for the embedded data.</summary>
    public const string SmallCnn = "small-cnn";

    /// <summary>Every model, the default first. Adding a model is adding an entry here.</summary>
    public static Registry<ModelEntry> Models { get; } = new("model",
    [
        new(SmallCnn, "the small CNN for the embedded data (--width, --depth, --dropout)",
            (o, labels) => new Models.SmallCnn(labels, o.Width, o.Depth, o.Dropout, o.BatchNorm)),
        new("mini-resnet", "a small ResNet (77,782 parameters) whose backbone ships pretrained: lesson 06",
            (_, labels) => new MiniResNet(labels)),
        new("resnet18", "torchvision's ResNet-18 with one logit per label (ImageNet weights: mlc data download resnet18)",
            (_, labels) => new ResNetClassifier(18, labels)),
        new("resnet34", "torchvision's ResNet-34 with one logit per label", (_, labels) => new ResNetClassifier(34, labels)),
        new("resnet50", "torchvision's ResNet-50 with one logit per label", (_, labels) => new ResNetClassifier(50, labels)),
    ]);

    /// <summary>All model names.</summary>
    public static IReadOnlyList<string> Names => Models.Names;

    /// <summary>Creates a randomly initialised model with <paramref name="numLabels"/> outputs.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known ones.</exception>
    public static nn.Module<Tensor, Tensor> Create(ModelOptions options, int numLabels)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Models.Get(options.Name).Create(options, numLabels);
    }
}
