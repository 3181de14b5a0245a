namespace MultiLabel.Metrics;

/// <summary>Turns reduced counts and sums into an <see cref="EvaluationResult"/> with scikit-learn's averaging rules.</summary>
internal static class ResultBuilder
{
    public static EvaluationResult Build(
        IReadOnlyList<string> labels,
        double[] thresholdValues,
        Thresholds thresholds,
        long samples,
        long[] tp,
        long[] predictedCount,
        long[] trueCount,
        double[] sampleSums,
        double?[] ap,
        double?[] auc,
        double? mapMicro,
        double? aucMicro)
    {
        var perLabel = new LabelMetrics[labels.Count];
        for (int l = 0; l < perLabel.Length; l++)
        {
            long fp = predictedCount[l] - tp[l], fn = trueCount[l] - tp[l];
            var c = new LabelCounts(tp[l], fp, fn, samples - tp[l] - fp - fn);
            perLabel[l] = new LabelMetrics(labels[l], c.Precision, c.Recall, c.F1, c.Support, c, c.Jaccard, ap[l], auc[l], thresholdValues[l]);
        }

        var total = new LabelCounts(tp.Sum(), perLabel.Sum(m => m.Counts.FalsePositives), perLabel.Sum(m => m.Counts.FalseNegatives), 0);
        double Mean(int column) => samples == 0 ? 0.0 : sampleSums[column] / samples;
        AveragedScore Averaged(Func<LabelCounts, double> score, int sampleColumn) => new(
            score(total), perLabel.Average(m => score(m.Counts)), Weighted(perLabel, score), Mean(sampleColumn));

        return new EvaluationResult(
            samples,
            Averaged(c => c.Precision, SampleScores.Precision),
            Averaged(c => c.Recall, SampleScores.Recall),
            Averaged(c => c.F1, SampleScores.F1),
            Averaged(c => c.Jaccard, SampleScores.Jaccard),
            LabelCounts.Ratio(total.FalsePositives + total.FalseNegatives, samples * labels.Count),
            Mean(SampleScores.ExactMatch),
            MeanOfPresent(ap),
            mapMicro,
            MeanOfPresent(auc),
            aucMicro,
            Mean(SampleScores.Lrap),
            Mean(SampleScores.Coverage),
            Mean(SampleScores.RankingLoss),
            perLabel,
            thresholds);
    }

    /// <summary>Mean weighted by support; 0 when no label occurs (scikit-learn's zero_division=0).</summary>
    private static double Weighted(LabelMetrics[] perLabel, Func<LabelCounts, double> score)
    {
        long support = perLabel.Sum(m => m.Support);
        return support == 0 ? 0.0 : perLabel.Sum(m => m.Support * score(m.Counts)) / support;
    }

    private static double? MeanOfPresent(double?[] values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : present.Average();
    }
}
