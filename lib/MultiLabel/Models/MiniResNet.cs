using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiLabel.Models;

/// <summary>
/// A small ResNet for 64-pixel images, laid out like torchvision's ResNet-18 at a fraction of its size: a stem
/// (<c>conv1</c> 3x3 at full resolution, <c>bn1</c>, ReLU, a 3x3 max-pool of stride 2), three stages
/// <c>layer1</c>..<c>layer3</c> of <see cref="BasicBlock"/>s at <c>width</c>, 2 x and 4 x <c>width</c> channels (each
/// stage after the first halves the resolution), global average pooling and the head <c>fc</c>: one logit per label,
/// no sigmoid (the loss applies it). Keys read like torchvision's (<c>conv1.weight</c>, <c>layer2.0.downsample.0.weight</c>,
/// <c>fc.bias</c>); <c>fc</c> is the head, the rest the backbone. Inputs are images [B, 3, H, W] in [0, 1] (the stem's
/// BatchNorm takes care of their scale). Widths that are multiples of 16 keep oneDNN's fast convolutions (see
/// <see cref="Runtime.ConvolutionCheck"/>). The kit ships pretrained weights for the default shape
/// (<see cref="PretrainedBackbones.MiniResNetShapes"/>).
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public sealed class MiniResNet : Module<Tensor, Tensor>, IMultiLabelModel
{
    /// <summary>Blocks per stage of the default network (and of the shipped pretrained weights).</summary>
    public static readonly IReadOnlyList<int> DefaultBlocks = [1, 1, 1];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    /// <summary>Creates a randomly initialised network (He-normal convolutions as in torchvision).</summary>
    /// <param name="numLabels">Outputs: one logit per label.</param>
    /// <param name="width">Channels of the stem and the first stage (then 2 x and 4 x).</param>
    /// <param name="blocks">Blocks in each of the three stages (default <see cref="DefaultBlocks"/>).</param>
    public MiniResNet(int numLabels, int width = 16, IReadOnlyList<int>? blocks = null)
        : base(nameof(MiniResNet))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLabels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        blocks ??= DefaultBlocks;
        if (blocks.Count != 3 || blocks.Any(b => b < 1))
        {
            throw new ArgumentException($"blocks must give three stages of at least one block each (got [{string.Join(", ", blocks)}]).", nameof(blocks));
        }

        NumLabels = numLabels;
        Width = width;
        Blocks = [.. blocks];
        conv1 = Conv2d(3, width, 3, padding: 1, bias: false);
        bn1 = BatchNorm2d(width);
        maxpool = MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage(width, width, blocks[0], stride: 1);
        layer2 = Stage(width, 2 * width, blocks[1], stride: 2);
        layer3 = Stage(2 * width, 4 * width, blocks[2], stride: 2);
        avgpool = AdaptiveAvgPool2d(1);
        fc = Linear(4 * width, numLabels);
        RegisterComponents();
        InitialiseLikeTorchvision();

        // Widths that are not multiples of 16 meet a oneDNN fault on some CPUs: check once, fall back if needed.
        Runtime.ConvolutionCheck.EnsureCorrectGradientsFor(this);
    }

    /// <inheritdoc />
    public int NumLabels { get; }

    /// <inheritdoc />
    public string HeadName => nameof(fc);

    /// <summary>Channels of the first stage.</summary>
    public int Width { get; }

    /// <summary>Blocks in each stage.</summary>
    public IReadOnlyList<int> Blocks { get; }

    /// <summary>Channels that reach the head (4 x <see cref="Width"/>).</summary>
    public int FeatureCount => 4 * Width;

    /// <summary>
    /// The receptive field in input pixels of one feature before pooling: each 3x3 convolution widens it by 2 x the
    /// stride accumulated before it (the jump), the max-pool by 2 x its jump; 49 pixels for the default network.
    /// </summary>
    public int ReceptiveField
    {
        get
        {
            int pixels = 3, jump = 1; // conv1
            pixels += 2 * jump; // max-pool 3x3
            jump *= 2;
            for (int stage = 0; stage < 3; stage++)
            {
                for (int b = 0; b < Blocks[stage]; b++)
                {
                    pixels += 2 * jump; // the block's first convolution (its stride applies after it)
                    if (b == 0 && stage > 0)
                    {
                        jump *= 2;
                    }

                    pixels += 2 * jump; // its second convolution
                }
            }

            return pixels;
        }
    }

    /// <summary>Logits [B, numLabels] for images [B, 3, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = maxpool.call(functional.relu(bn1.call(conv1.call(input))));
        x = layer3.call(layer2.call(layer1.call(x)));
        x = avgpool.call(x).flatten(1);
        return fc.call(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            maxpool.Dispose();
            layer1.Dispose();
            layer2.Dispose();
            layer3.Dispose();
            avgpool.Dispose();
            fc.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Sequential Stage(int inChannels, int outChannels, int count, int stride)
    {
        var stage = Sequential();
        for (int b = 0; b < count; b++)
        {
            stage.append(new BasicBlock(b == 0 ? inChannels : outChannels, outChannels, b == 0 ? stride : 1));
        }

        return stage;
    }

    private void InitialiseLikeTorchvision()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            if (module is Conv2d conv)
            {
                init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
            }
        }
    }
}
