using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Reports;

/// <summary>
/// The most confident mistakes: false positives with the highest probability (absent labels the model was surest
/// of) and false negatives with the lowest (present labels it was surest were absent). Looking at them is the
/// quickest way to find label noise and systematic confusions.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class WorstErrors
{
    /// <summary>Up to <paramref name="count"/> worst false positives and false negatives, worst first.</summary>
    public static (IReadOnlyList<ErrorCase> FalsePositives, IReadOnlyList<ErrorCase> FalseNegatives) Find(ReportInput input, int count = 12)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var scope = NewDisposeScope();
        var probabilities = (input.Kind == ScoreKind.Logits ? input.Scores.sigmoid() : input.Scores).to(ScalarType.Float64).cpu();
        var truth = input.Targets.cpu().ne(0);
        var thresholds = tensor((input.Thresholds ?? Thresholds.Default).Expand(input.Labels.Count));
        var predicted = probabilities.ge(thresholds);
        var falsePositives = Pick(probabilities.masked_fill(predicted.logical_and(truth.logical_not()).logical_not(), double.NegativeInfinity), count, largest: true);
        var falseNegatives = Pick(probabilities.masked_fill(truth.logical_and(predicted.logical_not()).logical_not(), double.PositiveInfinity), count, largest: false);
        var truthRows = truth.to(ScalarType.Byte).data<byte>().ToArray();
        var predictedRows = predicted.to(ScalarType.Byte).data<byte>().ToArray();
        var p = probabilities.data<double>().ToArray();
        int labels = input.Labels.Count;
        ErrorCase Case(long cell, bool falsePositive)
        {
            int sample = (int)(cell / labels), label = (int)(cell % labels);
            IReadOnlyList<string> Set(byte[] rows) => [.. Enumerable.Range(0, labels).Where(l => rows[(sample * labels) + l] != 0).Select(l => input.Labels[l])];
            return new ErrorCase(sample, input.SampleNames[sample], input.Labels[label], p[cell], falsePositive, Set(truthRows), Set(predictedRows));
        }

        return ([.. falsePositives.Select(c => Case(c, true))], [.. falseNegatives.Select(c => Case(c, false))]);
    }

    private static long[] Pick(Tensor masked, int count, bool largest)
    {
        var flat = masked.reshape(-1);
        int k = (int)Math.Min(count, flat.shape[0]);
        if (k == 0)
        {
            return [];
        }

        var (values, cells) = flat.topk(k, largest: largest);
        var finite = values.isfinite();
        return cells.masked_select(finite).data<long>().ToArray();
    }
}
