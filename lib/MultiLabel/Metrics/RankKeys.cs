using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Sort keys for ranking scores from high to low: ascending keys are descending scores, and two keys are equal
/// exactly when the scores are equal (so ties stay ties). On the CPU, float32 scores become int32 keys (their bits,
/// reordered), which PyTorch sorts with a parallel radix sort, several times faster than a float sort.
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

        // + 0 turns -0.0 into +0.0, which are equal scores but have different bits.
        var normalized = scores.add(0.0f).contiguous();
        var bits = empty(normalized.shape, ScalarType.Int32);
        bits.bytes = normalized.bytes;
        // IEEE floats compare like sign-magnitude integers: flipping the magnitude bits of negative numbers makes the
        // integer order the float order; the bitwise complement then reverses it (high scores first).
        var ordered = bits.where(bits.ge(0), bits.bitwise_xor(tensor(0x7FFFFFFF)));
        return ordered.bitwise_not();
    }

    /// <summary>Sorts a 1-D tensor of scores from high to low: (keys ascending, the flat index of each).</summary>
    public static (Tensor Keys, Tensor Order) SortDescending(Tensor scores)
    {
        var (keys, order) = Of(scores.reshape(-1)).sort(dim: 0);
        return (keys, order);
    }
}
