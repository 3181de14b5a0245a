using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Sort keys for ranking scores from high to low: ascending keys are descending scores, and two keys are equal
/// exactly when the scores are equal (so ties stay ties). On the CPU, float32 scores become int32 keys (their bits,
/// reordered, in one managed pass), which PyTorch sorts with a parallel radix sort, several times faster than a float
/// sort.
/// </summary>
internal static class RankKeys
{
    /// <summary>The keys of <paramref name="scores"/> (any shape, Float32 or Float64), same shape.</summary>
    public static Tensor Of(Tensor scores)
    {
        if (scores.device_type != DeviceType.CPU || scores.dtype != ScalarType.Float32)
        {
            return scores.neg();
        }

        // One managed pass over the float bits (in place in the tensors' memory, chunks in parallel).
        var source = scores.contiguous();
        var keys = empty(source.shape, ScalarType.Int32);
        long count = source.numel();
        int parts = (int)Math.Clamp(count / (1 << 20), 1, Environment.ProcessorCount * 4);
        Parallel.For(0, parts, part =>
        {
            var from = MemoryMarshal.Cast<byte, int>(source.bytes);
            var to = MemoryMarshal.Cast<byte, int>(keys.bytes);
            for (int i = (int)(count * part / parts), end = (int)(count * (part + 1) / parts); i < end; i++)
            {
                to[i] = KeyOf(from[i]);
            }
        });
        return keys;
    }

    /// <summary>
    /// The key of a float32 given by its bits: IEEE floats compare like sign-magnitude integers, so flipping the
    /// magnitude bits of negative numbers makes the integer order the float order, and the bitwise complement
    /// reverses it (high scores first). -0.0 is read as +0.0: equal scores get equal keys.
    /// </summary>
    internal static int KeyOf(int bits)
    {
        bits = bits == int.MinValue ? 0 : bits;
        return ~(bits >= 0 ? bits : bits ^ 0x7FFFFFFF);
    }

    /// <summary>Sorts a 1-D tensor of scores from high to low: (keys ascending, the flat index of each).</summary>
    public static (Tensor Keys, Tensor Order) SortDescending(Tensor scores)
    {
        var (keys, order) = Of(scores.reshape(-1)).sort(dim: 0);
        return (keys, order);
    }
}
