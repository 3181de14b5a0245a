using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MultiLabel.Training;

/// <summary>
/// The channels-last memory format (NHWC in memory, still indexed [N, C, H, W]) without TorchSharp support for it:
/// TorchSharp 0.107 has the <c>memory_format</c> enum but no method that takes it, so this builds the same strides
/// (a permute to NHWC, a copy, and a permute back) which libtorch recognises, as PyTorch's
/// <c>x.to(memory_format=torch.channels_last)</c> does. oneDNN's convolutions on CPU prefer it.
/// Measured by <c>mlc bench precision</c>.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A 4-D tensor with channels-last strides (the same values); other tensors unchanged.</summary>
    public static Tensor Of(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.dim() == 4 ? tensor.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : tensor;
    }

    /// <summary>Whether a 4-D tensor's strides are channels-last.</summary>
    public static bool Is(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 4)
        {
            return false;
        }

        var s = tensor.stride();
        return s[1] == 1 && s[3] == tensor.shape[1] && s[2] == tensor.shape[1] * tensor.shape[3];
    }

    /// <summary>Whether <paramref name="module"/> has a 2-D convolution (where channels-last can pay).</summary>
    public static bool HasConvolutions(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.modules().Any(m => m is TorchSharp.Modules.Conv2d);
    }

    /// <summary>Gives every 2-D convolution of <paramref name="module"/> channels-last weights (new parameters: build the optimizer after this).</summary>
    public static void Apply(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            if (child is TorchSharp.Modules.Conv2d conv && conv.weight is { } weight && !Is(weight))
            {
                conv.weight = new Parameter(Of(weight).detach(), weight.requires_grad);
            }
        }
    }
}
