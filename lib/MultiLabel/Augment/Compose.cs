using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Augment;

/// <summary>
/// Applies transforms one after another with the same generator (torchvision <c>Compose</c>); intermediate tensors
/// are disposed as soon as the next step has used them.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public sealed class Compose : ITransform
{
    private readonly ITransform[] steps;

    /// <summary>Creates the pipeline.</summary>
    public Compose(params ITransform[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Any(s => s is null))
        {
            throw new ArgumentException("A step of the pipeline is null.", nameof(steps));
        }

        this.steps = [.. steps];
    }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<ITransform> Steps => steps;

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(image);
        var current = image;
        foreach (var step in steps)
        {
            var next = step.Apply(current, rng);
            if (!ReferenceEquals(current, image) && !ReferenceEquals(current, next))
            {
                current.Dispose();
            }

            current = next;
        }

        return ReferenceEquals(current, image) ? image.alias() : current;
    }

    /// <inheritdoc />
    public override string ToString() => $"Compose({string.Join(", ", steps.Select(s => s.ToString()))})";
}

/// <summary>A transform from a function, for one-off experiments: <c>new LambdaTransform((image, rng) => image * 0.5)</c>.</summary>
public sealed class LambdaTransform : ITransform
{
    private readonly Func<Tensor, Pcg32, Tensor> function;

    /// <summary>Wraps <paramref name="function"/>; it must follow <see cref="ITransform"/>'s contract.</summary>
    public LambdaTransform(Func<Tensor, Pcg32, Tensor> function, string name = "Lambda")
    {
        ArgumentNullException.ThrowIfNull(function);
        this.function = function;
        Name = name;
    }

    /// <summary>A name for logs.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Tensor Apply(Tensor image, Pcg32 rng) => function(image, rng);

    /// <inheritdoc />
    public override string ToString() => Name;
}
