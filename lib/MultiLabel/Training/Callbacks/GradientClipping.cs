using static TorchSharp.torch;

namespace MultiLabel.Training.Callbacks;

/// <summary>
/// Scales the gradients down when their global norm exceeds <see cref="MaxNorm"/>, just before a step
/// (<c>clip_grad_norm_</c> over the trainable parameters). Added by the trainer when
/// <see cref="TrainerOptions.GradientClipNorm"/> is set; order 50, after <see cref="GradientAccumulation"/> has decided
/// whether this batch steps, so accumulated gradients are clipped once, as a whole.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class GradientClipping : TrainerCallback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="maxNorm">The largest global gradient norm allowed, > 0.</param>
    public GradientClipping(double maxNorm)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "must be a positive number");
        }

        MaxNorm = maxNorm;
    }

    /// <summary>The largest global gradient norm allowed.</summary>
    public double MaxNorm { get; }

    /// <inheritdoc />
    public override int Order => 50;

    /// <inheritdoc />
    public override void BeforeStep(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.SkipStep)
        {
            nn.utils.clip_grad_norm_(context.Trainer.Model.parameters().Where(p => p.requires_grad), MaxNorm);
        }
    }
}
