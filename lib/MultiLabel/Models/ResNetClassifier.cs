using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiLabel.Models;

/// <summary>
/// A TorchVision ResNet-18, -34 or -50 whose classifier <c>fc</c> has one logit per label. Inputs are images in
/// [0, 1]; the model normalises them with the ImageNet mean and standard deviation first, as pretrained ImageNet
/// weights expect. Parameter keys are PyTorch's (<c>conv1.weight</c>, <c>layer1.0.bn1.running_mean</c>,
/// <c>fc.weight</c>, ...), so a torchvision state dict loads as is through <see cref="PretrainedWeights"/>.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public sealed class ResNetClassifier : Module<Tensor, Tensor>, IMultiLabelModel
{
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];
    private readonly ResNet resnet;
    private Tensor? mean;
    private Tensor? std;

    /// <summary>Creates a randomly initialised network.</summary>
    /// <param name="depth">18, 34 or 50.</param>
    /// <param name="numLabels">Outputs: one logit per label.</param>
    public ResNetClassifier(int depth, int numLabels)
        : base($"ResNet{depth}")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLabels);
        resnet = depth switch
        {
            18 => torchvision.models.resnet18(num_classes: numLabels),
            34 => torchvision.models.resnet34(num_classes: numLabels),
            50 => torchvision.models.resnet50(num_classes: numLabels),
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "ResNet depth must be 18, 34 or 50"),
        };
        Depth = depth;
        NumLabels = numLabels;

        // The ResNet's own children, registered under their own names: keys stay PyTorch's (no "resnet." prefix).
        foreach (var (name, child) in resnet.named_children())
        {
            register_module(name, child);
        }
    }

    /// <summary>18, 34 or 50.</summary>
    public int Depth { get; }

    /// <inheritdoc />
    public int NumLabels { get; }

    /// <inheritdoc />
    public string HeadName => "fc";

    /// <summary>Logits [B, numLabels] for images [B, 3, H, W] in [0, 1].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        if (mean is null || std is null || mean.device != input.device || mean.dtype != input.dtype)
        {
            mean?.Dispose();
            std?.Dispose();
            mean = tensor(ImageNetMean).view(1, 3, 1, 1).to(input.dtype, input.device).DetachFromDisposeScope();
            std = tensor(ImageNetStd).view(1, 3, 1, 1).to(input.dtype, input.device).DetachFromDisposeScope();
        }

        return resnet.call((input - mean) / std).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            resnet.Dispose();
            mean?.Dispose();
            std?.Dispose();
        }

        base.Dispose(disposing);
    }
}
