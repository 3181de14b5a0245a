using System.Text.Json;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

/// <summary>Every metric against scikit-learn 1.2 reference values (Fixtures/make_fixtures.py), to 1e-6.</summary>
public sealed class SklearnParityTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string, ScalarType, long, bool> Cases()
    {
        var data = new TheoryData<string, ScalarType, long, bool>();
        foreach (var name in SklearnFixture.Names)
        {
            data.Add(name, ScalarType.Float32, KernelOptions.Default.ElementBudget, false);
            data.Add(name, ScalarType.Float64, KernelOptions.Default.ElementBudget, false);
            // The tensor scan (what runs on a GPU), once with tiny blocks so every kernel crosses block boundaries.
            data.Add(name, ScalarType.Float32, KernelOptions.Default.ElementBudget, true);
            data.Add(name, ScalarType.Float64, 7, true);
        }

        return data;
    }

    public static TheoryData<string> Fixtures() => [.. SklearnFixture.Names];

    public static TheoryData<string, bool> FixturesAndScans()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in SklearnFixture.Names)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_metric_equals_scikit_learn(string fixture, ScalarType dtype, long elementBudget, bool tensorScan)
    {
        var f = SklearnFixture.Load(fixture);
        using var scope = NewDisposeScope();
        var kernel = new KernelOptions(elementBudget, tensorScan);
        var r = MultiLabelMetrics.Evaluate(f.TargetTensor(), f.ScoreTensor(dtype), f.Labels, f.Thresholds, f.Kind, kernel);
        var e = f.Expected;

        Near(e, "precision_micro", r.Precision.Micro);
        Near(e, "precision_macro", r.Precision.Macro);
        Near(e, "precision_weighted", r.Precision.Weighted);
        Near(e, "precision_samples", r.Precision.Samples);
        Near(e, "recall_micro", r.Recall.Micro);
        Near(e, "recall_macro", r.Recall.Macro);
        Near(e, "recall_weighted", r.Recall.Weighted);
        Near(e, "recall_samples", r.Recall.Samples);
        Near(e, "f1_micro", r.F1.Micro);
        Near(e, "f1_macro", r.F1.Macro);
        Near(e, "f1_weighted", r.F1.Weighted);
        Near(e, "f1_samples", r.F1.Samples);
        Near(e, "jaccard_micro", r.Jaccard.Micro);
        Near(e, "jaccard_macro", r.Jaccard.Macro);
        Near(e, "jaccard_weighted", r.Jaccard.Weighted);
        Near(e, "jaccard_samples", r.Jaccard.Samples);
        Near(e, "hamming_loss", r.HammingLoss);
        Near(e, "subset_accuracy", r.SubsetAccuracy);
        Near(e, "lrap", r.LabelRankingAveragePrecision);
        Near(e, "coverage_error", r.CoverageError);
        Near(e, "ranking_loss", r.RankingLoss);
        Near(e, "map_macro", r.MapMacro);
        Near(e, "map_micro", r.MapMicro);
        Near(e, "roc_auc_macro", r.RocAucMacro);
        Near(e, "roc_auc_micro", r.RocAucMicro);

        var perLabel = e.GetProperty("per_label").EnumerateArray().ToArray();
        Assert.Equal(perLabel.Length, r.PerLabel.Count);
        for (int l = 0; l < perLabel.Length; l++)
        {
            var x = perLabel[l];
            var m = r.PerLabel[l];
            Assert.Equal(x.GetProperty("label").GetString(), m.Label);
            Near(x, "precision", m.Precision, m.Label);
            Near(x, "recall", m.Recall, m.Label);
            Near(x, "f1", m.F1, m.Label);
            Near(x, "jaccard", m.Jaccard, m.Label);
            Near(x, "ap", m.AveragePrecision, m.Label);
            Near(x, "roc_auc", m.RocAuc, m.Label);
            Assert.Equal(x.GetProperty("support").GetInt64(), m.Support);
            Assert.Equal(
                new LabelCounts(x.GetProperty("tp").GetInt64(), x.GetProperty("fp").GetInt64(), x.GetProperty("fn").GetInt64(), x.GetProperty("tn").GetInt64()),
                m.Counts);
            Assert.Equal(f.Thresholds[l], m.Threshold);
        }

        Assert.Equal(f.Rows, r.SampleCount);
        Assert.Equal(f.Thresholds, r.Thresholds);
    }

    [Theory]
    [MemberData(nameof(FixturesAndScans))]
    public void Threshold_sweep_equals_scikit_learn_at_every_grid_point(string fixture, bool tensorScan)
    {
        var f = SklearnFixture.Load(fixture);
        var sweep = f.Root.GetProperty("sweep");
        var grid = SklearnFixture.Doubles(sweep.GetProperty("thresholds"));
        using var scope = NewDisposeScope();
        var curve = ThresholdSweep.Compute(f.TargetTensor(), f.ScoreTensor(ScalarType.Float32), f.Labels, f.Kind, grid, new KernelOptions(5, tensorScan));

        Assert.Equal(grid, curve.Points.Select(p => p.Threshold));
        AllNear(SklearnFixture.Doubles(sweep.GetProperty("precision_micro")), curve.Points.Select(p => p.PrecisionMicro), "precision_micro");
        AllNear(SklearnFixture.Doubles(sweep.GetProperty("recall_micro")), curve.Points.Select(p => p.RecallMicro), "recall_micro");
        AllNear(SklearnFixture.Doubles(sweep.GetProperty("f1_micro")), curve.Points.Select(p => p.F1Micro), "f1_micro");
        AllNear(SklearnFixture.Doubles(sweep.GetProperty("f1_macro")), curve.Points.Select(p => p.F1Macro), "f1_macro");
    }

    [Theory]
    [MemberData(nameof(FixturesAndScans))]
    public void Tuned_thresholds_reach_the_best_f1_found_by_brute_force_and_reproduce_it(string fixture, bool tensorScan)
    {
        var f = SklearnFixture.Load(fixture);
        var tuning = f.Root.GetProperty("tuning");
        var bestPerLabel = SklearnFixture.Doubles(tuning.GetProperty("best_f1_per_label"));
        using var scope = NewDisposeScope();
        var targets = f.TargetTensor();
        var scores = f.ScoreTensor(ScalarType.Float32);

        var tuned = ThresholdTuning.Tune(targets, scores, f.Labels, f.Kind, new KernelOptions(5, tensorScan));

        Near(tuning, "best_f1_micro_global", tuned.GlobalF1Micro);
        AllNear(bestPerLabel, tuned.PerLabel.Select(l => l.F1), "best F1 per label");
        var atGlobal = MultiLabelMetrics.Evaluate(targets, scores, f.Labels, tuned.ToGlobal(), f.Kind);
        Assert.Equal(tuned.GlobalF1Micro, atGlobal.F1.Micro, 12);
        var atPerLabel = MultiLabelMetrics.Evaluate(targets, scores, f.Labels, tuned.ToPerLabel(), f.Kind);
        for (int l = 0; l < f.Labels.Length; l++)
        {
            Assert.Equal(bestPerLabel[l], atPerLabel.PerLabel[l].F1, 12);
            Assert.Equal(atPerLabel.PerLabel[l].Support > 0, tuned.PerLabel[l].Tuned);
            Assert.InRange(tuned.PerLabel[l].Threshold, 0.0, 1.0);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Precision_recall_curve_equals_scikit_learn(string fixture)
    {
        var f = SklearnFixture.Load(fixture);
        var expected = f.Root.GetProperty("pr_curve");
        int label = expected.GetProperty("label").GetInt32();
        using var scope = NewDisposeScope();
        var curves = PrecisionRecallCurve.ForLabels(f.TargetTensor(), f.ScoreTensor(ScalarType.Float32), f.Kind);
        var curve = curves[label];

        AllNear(SklearnFixture.Doubles(expected.GetProperty("precision")), curve.Precision, "precision");
        AllNear(SklearnFixture.Doubles(expected.GetProperty("recall")), curve.Recall, "recall");
        AllNear(SklearnFixture.Doubles(expected.GetProperty("thresholds")), curve.Thresholds, "thresholds");
        Assert.Equal(f.Labels.Length, curves.Count);
    }

    internal static void Near(JsonElement expected, string key, double? actual, string? label = null)
    {
        var e = SklearnFixture.NullableDouble(expected.GetProperty(key));
        var where = label is null ? key : $"{label}.{key}";
        if (e is null || actual is null)
        {
            Assert.True(e is null && actual is null, $"{where}: expected {e?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
            return;
        }

        Assert.True(Math.Abs(e.Value - actual.Value) <= Tolerance, $"{where}: expected {e.Value:R}, got {actual.Value:R}");
    }

    private static void AllNear(double[] expected, IEnumerable<double> actual, string what)
    {
        var a = actual.ToArray();
        Assert.True(expected.Length == a.Length, $"{what}: expected {expected.Length} values, got {a.Length}");
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - a[i]) <= Tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {a[i]:R}");
        }
    }
}
