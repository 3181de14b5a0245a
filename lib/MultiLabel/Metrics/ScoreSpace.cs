using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Converts probability thresholds to the scale of the scores (probabilities or logits) and rounds them so that a
/// float32 comparison <c>score &gt;= t</c> decides exactly as the float64 one scikit-learn makes.
/// </summary>
internal static class ScoreSpace
{
    /// <summary>The score that corresponds to probability <paramref name="probability"/>: itself, or its logit.</summary>
    public static double FromProbability(double probability, ScoreKind kind) => kind switch
    {
        ScoreKind.Probabilities => probability,
        _ when probability <= 0 => double.NegativeInfinity,
        _ when probability >= 1 => double.PositiveInfinity,
        _ => Math.Log(probability / (1 - probability)),
    };

    /// <summary>The probability of score <paramref name="score"/>: itself, or its sigmoid.</summary>
    public static double ToProbability(double score, ScoreKind kind) =>
        kind == ScoreKind.Probabilities ? score : 1.0 / (1.0 + Math.Exp(-score));

    /// <summary>
    /// The smallest value of <paramref name="dtype"/> that is at least <paramref name="value"/>: for every score x
    /// of that type, x &gt;= value exactly when x &gt;= the result, so rounding the threshold never flips a decision.
    /// </summary>
    public static double RoundUp(double value, ScalarType dtype)
    {
        if (dtype != ScalarType.Float32 || !double.IsFinite(value))
        {
            return value;
        }

        float f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }

    /// <summary>Probability thresholds as a tensor on the scores' scale, type and device.</summary>
    public static Tensor ThresholdTensor(IReadOnlyList<double> probabilities, ScoreKind kind, ScalarType dtype, Device device)
    {
        var values = new double[probabilities.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = RoundUp(FromProbability(probabilities[i], kind), dtype);
        }

        return tensor(values, ScalarType.Float64).to(dtype, device);
    }
}
