namespace MultiLabel.Training;

/// <summary>
/// Dynamic loss scaling for float16 (as PyTorch's GradScaler): the loss is multiplied by <see cref="Scale"/> before
/// <c>backward</c> so small gradients do not round to zero in float16; when a gradient overflows, the step is
/// skipped and the scale halves; after <see cref="GrowthInterval"/> good steps in a row it doubles.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
/// <param name="initialScale">The first scale (PyTorch's default: 65536).</param>
/// <param name="growthInterval">Good steps before the scale doubles.</param>
public sealed class LossScaler(double initialScale = 65536, int growthInterval = 2000)
{
    private int goodSteps;

    /// <summary>The current scale.</summary>
    public double Scale { get; private set; } = initialScale > 0 ? initialScale : throw new ArgumentOutOfRangeException(nameof(initialScale), initialScale, "must be positive");

    /// <summary>Good steps before the scale doubles.</summary>
    public int GrowthInterval { get; } = growthInterval > 0 ? growthInterval : throw new ArgumentOutOfRangeException(nameof(growthInterval), growthInterval, "must be positive");

    /// <summary>Steps skipped because a gradient overflowed.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>After a step: halves the scale when the gradients were not finite, doubles it after enough good steps.</summary>
    /// <param name="finite">Whether every gradient was finite (the step was taken).</param>
    public void Update(bool finite)
    {
        if (!finite)
        {
            Scale = Math.Max(Scale / 2, 1.0 / 65536);
            goodSteps = 0;
            SkippedSteps++;
            return;
        }

        if (++goodSteps >= GrowthInterval)
        {
            Scale *= 2;
            goodSteps = 0;
        }
    }
}
