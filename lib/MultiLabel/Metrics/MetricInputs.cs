using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>Checks targets and scores and brings them to the types the metric kernels use.</summary>
internal static class MetricInputs
{
    /// <summary>
    /// Targets as Bool and scores as Float32 (Float32, Float16, BFloat16 input) or Float64 (anything else), both
    /// on the scores' device, in the caller's dispose scope.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ, targets are not 0/1, or scores are NaN, infinite or (for probabilities) outside [0, 1].</exception>
    public static (Tensor Targets, Tensor Scores) Prepare(Tensor targets, Tensor scores, int labelCount, ScoreKind kind)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scores);
        if (targets.dim() != 2 || !targets.shape.SequenceEqual(scores.shape) || targets.shape[1] != labelCount)
        {
            throw new ArgumentException(
                $"targets [{string.Join(",", targets.shape)}] and scores [{string.Join(",", scores.shape)}] must both be [N,{labelCount}].");
        }

        var s = scores.detach();
        s = s.dtype switch
        {
            ScalarType.Float32 or ScalarType.Float64 => s,
            ScalarType.Float16 or ScalarType.BFloat16 => s.to(ScalarType.Float32),
            _ => s.to(ScalarType.Float64),
        };
        var t = targets.detach().to(s.device);
        if (t.dtype != ScalarType.Bool)
        {
            var binary = t.eq(0).logical_or(t.eq(1));
            if (!binary.all().item<bool>())
            {
                var (row, col) = FirstFalse(binary);
                throw new ArgumentException(
                    $"Targets must be 0 or 1; row {row}, column {col} holds {t[row, col].to(ScalarType.Float64).item<double>().ToString(CultureInfo.InvariantCulture)}.");
            }

            t = t.ne(0);
        }

        // Two reductions instead of element-wise masks: NaN propagates through min and max, so one comparison each
        // catches NaN, infinities and (for probabilities) values outside [0, 1]; the slow search for the offending
        // cell only runs when something is wrong.
        if (s.numel() > 0)
        {
            double min = s.min().to(ScalarType.Float64).item<double>(), max = s.max().to(ScalarType.Float64).item<double>();
            bool ok = kind == ScoreKind.Probabilities ? min >= 0 && max <= 1 : double.IsFinite(min) && double.IsFinite(max);
            if (!ok)
            {
                ThrowBadScore(s);
            }
        }

        return (t, s);
    }

    private static void ThrowBadScore(Tensor s)
    {
        var finite = s.isfinite();
        if (!finite.all().item<bool>())
        {
            var (row, col) = FirstFalse(finite);
            throw new ArgumentException($"Scores must be finite numbers; row {row}, column {col} holds {Value(s, row, col)}.");
        }

        var (r, c) = FirstFalse(s.ge(0).logical_and(s.le(1)));
        throw new ArgumentException(
            $"Probabilities must be in [0, 1]; row {r}, column {c} holds {Value(s, r, c)} (pass ScoreKind.Logits for raw model outputs).");
    }

    private static (long Row, long Column) FirstFalse(Tensor ok)
    {
        var index = ok.logical_not().nonzero()[0].cpu();
        return (index[0].item<long>(), index[1].item<long>());
    }

    private static string Value(Tensor s, long row, long col) =>
        s[row, col].to(ScalarType.Float64).item<double>().ToString(CultureInfo.InvariantCulture);
}
