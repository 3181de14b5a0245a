using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

/// <summary>
/// The CPU ranking (per-label sorts, micro values from a parallel merge) against the tensor path (one sort of all
/// cells) on data big enough to be merged in several parts, with many ties, in float32 and float64.
/// </summary>
public sealed class ManagedLabelRankingTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 2)]
    [InlineData(ScalarType.Float64, 2)]
    [InlineData(ScalarType.Float64, 6)]
    public void Managed_and_tensor_rankings_give_the_same_ap_and_auc(ScalarType dtype, int decimals)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var targets = rand([4000, 30], generator: generator).lt(linspace(0.01, 0.6, 30));
        var noise = rand([4000, 30], generator: generator, dtype: ScalarType.Float64);
        var scores = ((targets.to(ScalarType.Float64) * 0.3) + (noise * 0.7)).mul(Math.Pow(10, decimals)).round().div(Math.Pow(10, decimals)).to(dtype);
        targets[.., 7] = zeros(4000, ScalarType.Bool); // a label without positives: AP and AUC are null
        var names = Enumerable.Range(0, 30).Select(l => $"l{l}").ToArray();

        var managed = MultiLabelMetrics.Evaluate(targets, scores, names, null, ScoreKind.Probabilities, KernelOptions.Default);
        var tensor = MultiLabelMetrics.Evaluate(targets, scores, names, null, ScoreKind.Probabilities, new KernelOptions(KernelOptions.Default.ElementBudget, TensorScan: true));

        Assert.Equal(tensor.MapMicro!.Value, managed.MapMicro!.Value, 12);
        Assert.Equal(tensor.RocAucMicro!.Value, managed.RocAucMicro!.Value, 12);
        for (int l = 0; l < names.Length; l++)
        {
            Assert.Equal(tensor.PerLabel[l].AveragePrecision is null, managed.PerLabel[l].AveragePrecision is null);
            Assert.Equal(tensor.PerLabel[l].AveragePrecision ?? 0, managed.PerLabel[l].AveragePrecision ?? 0, 12);
            Assert.Equal(tensor.PerLabel[l].RocAuc ?? 0, managed.PerLabel[l].RocAuc ?? 0, 12);
        }

        Assert.Null(managed.PerLabel[7].AveragePrecision);
    }
}
