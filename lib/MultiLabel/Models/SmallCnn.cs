using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiLabel.Models;

/// <summary>
/// A small convolutional network for the embedded data: <c>depth</c> blocks of (conv 3x3, BatchNorm, ReLU,
/// conv 3x3, BatchNorm, ReLU, max-pool 2x2), doubling the width each block, then global average pooling, dropout
/// and one linear layer with one logit per label (no sigmoid: the loss applies it).
/// Taught in notebooks/04-nn-modules.ipynb.
/// </summary>
public sealed class SmallCnn : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Dropout dropout;
    private readonly Linear head;

    /// <summary>Creates the network.</summary>
    /// <param name="numLabels">Outputs: one logit per label.</param>
    /// <param name="width">Channels of the first block.</param>
    /// <param name="depth">Number of blocks (each halves the resolution).</param>
    /// <param name="dropoutRate">Dropout before the head.</param>
    public SmallCnn(int numLabels, int width = 32, int depth = 3, double dropoutRate = 0.2)
        : base(nameof(SmallCnn))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        NumLabels = numLabels;
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int inChannels = 3;
        for (int b = 0; b < depth; b++)
        {
            int outChannels = width << b;
            layers.Add(($"conv{b}a", Conv2d(inChannels, outChannels, 3, padding: 1, bias: false)));
            layers.Add(($"bn{b}a", BatchNorm2d(outChannels)));
            layers.Add(($"relu{b}a", ReLU(inplace: true)));
            layers.Add(($"conv{b}b", Conv2d(outChannels, outChannels, 3, padding: 1, bias: false)));
            layers.Add(($"bn{b}b", BatchNorm2d(outChannels)));
            layers.Add(($"relu{b}b", ReLU(inplace: true)));
            layers.Add(($"pool{b}", MaxPool2d(2)));
            inChannels = outChannels;
        }

        layers.Add(("gap", AdaptiveAvgPool2d(1)));
        layers.Add(("flatten", Flatten()));
        features = Sequential(layers);
        dropout = Dropout(dropoutRate);
        head = Linear(inChannels, numLabels);
        RegisterComponents();
    }

    /// <summary>Number of outputs.</summary>
    public int NumLabels { get; }

    /// <summary>Logits [B, numLabels] for images [B, 3, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = features.call(input);
        x = dropout.call(x);
        return head.call(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            dropout.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
