using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>
/// Gives every parameter and buffer of a module values that depend only on a seed and its name, so two modules with
/// the same parameter names and shapes (the learner's and the model answer's) compute comparable outputs, whatever
/// the global generator did while they were built.
/// </summary>
internal static class ModuleWeights
{
    public static void Fill(nn.Module module, int seed)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            Copy(parameter, Values(seed, name, parameter.shape, Kind(name, parameter.shape)));
        }

        foreach (var (name, buffer) in module.named_buffers())
        {
            if (buffer.is_floating_point())
            {
                Copy(buffer, Values(seed, name, buffer.shape, name.EndsWith("running_var", StringComparison.Ordinal) ? Range.Variance : Range.Small));
            }
        }
    }

    /// <summary>"name: [shape]" of every parameter, in registration order.</summary>
    public static string[] Describe(nn.Module module) =>
        [.. module.named_parameters().Select(p => $"{p.name}: {TensorData.FormatShape(p.parameter.shape)}")];

    private enum Range
    {
        FanIn,
        Scale,
        Small,
        Variance,
    }

    private static Range Kind(string name, long[] shape) =>
        shape.Length >= 2 ? Range.FanIn : name.EndsWith("weight", StringComparison.Ordinal) ? Range.Scale : Range.Small;

    private static double[] Values(int seed, string name, long[] shape, Range range)
    {
        var rng = Pcg32.Derive(seed, name.Aggregate(17L, (h, c) => unchecked((h * 31) + c)));
        long count = shape.Aggregate(1L, (a, b) => a * b);
        double bound = range == Range.FanIn ? 1.0 / Math.Sqrt(count / shape[0]) : 0.1;
        return [.. Enumerable.Range(0, (int)count).Select(_ => range switch
        {
            Range.Scale => rng.Uniform(0.8, 1.2),
            Range.Variance => rng.Uniform(0.5, 1.5),
            _ => rng.Uniform(-bound, bound) * (range == Range.FanIn ? Math.Sqrt(3) : 1),
        })];
    }

    private static void Copy(Tensor target, double[] values)
    {
        using var source = tensor(values, target.shape).to(target.dtype, target.device);
        target.copy_(source);
    }
}
