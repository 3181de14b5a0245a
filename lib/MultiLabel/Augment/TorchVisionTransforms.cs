using System.Runtime.CompilerServices;
using MultiLabel.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// TorchSharp's own <c>torchvision.transforms</c>, for comparison with this folder's per-sample transforms (and for
/// notebooks, which reference this library but not the TorchVision package). Each one decides its random choices once
/// per call: given a batch [N,C,H,W], a random flip mirrors all N images or none, and a colour jitter draws one factor
/// for the whole batch. That is why the library's transforms take one image and a generator of its own.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class TorchVisionTransforms
{
    /// <summary><c>torchvision.transforms.RandomHorizontalFlip(p)</c>: one decision per call, uses torch's global generator.</summary>
    public static Func<Tensor, Tensor> RandomHorizontalFlip(double p = 0.5)
    {
        TorchVisionAssembly.EnsureResolvable();
        return HorizontalFlip(p);
    }

    /// <summary><c>torchvision.transforms.ColorJitter(brightness)</c>: one brightness factor per call.</summary>
    public static Func<Tensor, Tensor> ColorJitter(float brightness)
    {
        TorchVisionAssembly.EnsureResolvable();
        return Jitter(brightness);
    }

    // Separate methods, so that TorchVision is resolved when they are compiled, after the resolver is installed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<Tensor, Tensor> HorizontalFlip(double p) => torchvision.transforms.RandomHorizontalFlip(p).call;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<Tensor, Tensor> Jitter(float brightness) => torchvision.transforms.ColorJitter(brightness, 0f, 0f, 0f).call;
}
