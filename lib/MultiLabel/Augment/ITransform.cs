using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// A per-sample image transform. <see cref="Apply"/> receives an image [C,H,W] (float32, values in [0,1]) and a
/// generator of its own (the loader derives it from seed, epoch and sample index), so each sample gets its own
/// random choices and a run repeats exactly. It never changes its input; the result is a tensor the caller owns and
/// disposes, which may share memory with the input (when nothing changed, it is an alias of it).
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public interface ITransform
{
    /// <summary>Transforms one image.</summary>
    /// <param name="image">[C,H,W] float32.</param>
    /// <param name="rng">The sample's generator; deterministic transforms ignore it.</param>
    Tensor Apply(Tensor image, Pcg32 rng);
}
