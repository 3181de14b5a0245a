using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiLabel.Models;

/// <summary>
/// ResNet's basic residual block (He et al. 2016): conv 3x3, BatchNorm, ReLU, conv 3x3, BatchNorm, then the input
/// added back and a final ReLU: <c>relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))</c>. The shortcut is the
/// identity, or (when the block halves the resolution or changes the width) a 1x1 convolution with BatchNorm named
/// <c>downsample</c>, as in torchvision, so keys read <c>conv1.weight</c>, <c>bn2.running_var</c>,
/// <c>downsample.0.weight</c>.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    /// <summary>Creates a block from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output.</param>
    /// <param name="stride">2 halves the resolution (in the first convolution and the shortcut), 1 keeps it.</param>
    public BasicBlock(int inChannels, int outChannels, int stride = 1)
        : base(nameof(BasicBlock))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        conv2 = Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            downsample = Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        }

        RegisterComponents();
    }

    /// <summary>Whether the shortcut is a 1x1 convolution (true) or the identity.</summary>
    public bool HasDownsample => downsample is not null;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(bn1.call(conv1.call(input)));
        x = bn2.call(conv2.call(x));
        var shortcut = downsample is null ? input : downsample.call(input);
        return functional.relu(x + shortcut).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            conv2.Dispose();
            bn2.Dispose();
            downsample?.Dispose();
        }

        base.Dispose(disposing);
    }
}
