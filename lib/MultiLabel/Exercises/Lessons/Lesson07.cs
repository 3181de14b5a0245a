using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The exercises of notebooks/07-training.ipynb.</summary>
public static class Lesson07
{
    /// <summary>07.1: one training step with gradient clipping (zero_grad, forward, BCE with logits, backward, clip, step).</summary>
    public static ClippedTrainStepExercise TrainStep { get; } = new();

    /// <summary>07.2: the validation loop: evaluation mode, no gradients, the mean loss over all images.</summary>
    public static ValidationLoopExercise Validate { get; } = new();

    /// <summary>07.3: a checkpoint round trip: model weights, optimizer state and epoch, copied, restored into a fresh model.</summary>
    public static CheckpointRoundTripExercise Checkpoint { get; } = new();

    /// <summary>The lesson's exercises in order.</summary>
    public static IReadOnlyList<Exercise> All => [TrainStep, Validate, Checkpoint];

    /// <summary>The small network the checks train: Linear, tanh, Linear, with weights that depend only on <paramref name="seed"/>.</summary>
    internal static nn.Module<Tensor, Tensor> SmallNet(int features, int labels, int seed)
    {
        var model = nn.Sequential(("hidden", nn.Linear(features, 8)), ("tanh", nn.Tanh()), ("out", nn.Linear(8, labels)));
        ModuleWeights.Fill(model, seed);
        return model;
    }

    /// <summary>All parameters of <paramref name="model"/>, flattened into one vector.</summary>
    internal static TensorData Flattened(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return TensorData.From(cat(model.parameters().Select(p => p.detach().reshape(-1)).ToArray(), 0));
    }

    /// <summary>The global norm of the parameters' gradients, or -1 when no parameter has one.</summary>
    internal static double GradientNorm(nn.Module model)
    {
        using var scope = NewDisposeScope();
        var grads = model.parameters().Select(p => p.grad).Where(g => g is not null).Select(g => g!.detach().reshape(-1)).ToArray();
        return grads.Length == 0 ? -1 : cat(grads, 0).norm().item<float>();
    }

    /// <summary>Random minibatches of the given <paramref name="sizes"/>: inputs [B, features], 0/1 targets [B, labels].</summary>
    internal static (TensorData[] Inputs, TensorData[] Targets) Batches(CaseRandom random, int features, int labels, IReadOnlyList<int> sizes, double std = 1)
    {
        var inputs = sizes.Select(b => Lesson04.Normal(random, [b, features], std)).ToArray();
        var targets = sizes.Select(b => TensorData.OfFloats([b, labels], random.Targets(b, labels, 0.4).SelectMany(r => r))).ToArray();
        return (inputs, targets);
    }
}
