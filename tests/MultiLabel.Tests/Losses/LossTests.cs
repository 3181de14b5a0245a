using MultiLabel.Data;
using MultiLabel.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Losses;

/// <summary>
/// Each loss against a reference computed here in plain double arithmetic, straight from the formulas of the papers
/// (value), and against central finite differences of that reference (gradient with respect to the logits).
/// </summary>
public sealed class LossTests
{
    private static readonly double[] Logits = [2.0, -1.0, 0.5, -3.0, 0.1, 1.5, -0.2, 4.0, -2.5, 0.0, 0.8, -0.7];
    private static readonly double[] Targets = [1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0];
    private static readonly double[] PosWeight = [1.5, 3.0, 0.5];
    private const int Rows = 4;
    private const int Cols = 3;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double MeanOver(double[] x, Func<int, double, double, double> cell)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += cell(i % Cols, x[i], Targets[i]);
        }

        return sum / x.Length;
    }

    private static double Weight(double[]? w, int label) => w is null ? 1.0 : w[label];

    private static double ReferenceBce(double[] x, double[]? w) => MeanOver(x, (l, xi, y) =>
    {
        double p = Sigmoid(xi);
        return -((Weight(w, l) * y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p)));
    });

    private static double ReferenceFocal(double[] x, double gamma, double? alpha, double[]? w) => MeanOver(x, (l, xi, y) =>
    {
        double p = Sigmoid(xi);
        double a = alpha ?? 1.0, b = alpha is null ? 1.0 : 1 - alpha.Value;
        return -((Weight(w, l) * a * y * Math.Pow(1 - p, gamma) * Math.Log(p)) + (b * (1 - y) * Math.Pow(p, gamma) * Math.Log(1 - p)));
    });

    private static double ReferenceAsl(double[] x, double gammaNeg, double gammaPos, double clip, double[]? w) => MeanOver(x, (l, xi, y) =>
    {
        double p = Sigmoid(xi);
        double pm = Math.Max(p - clip, 0);
        double positive = Math.Pow(1 - p, gammaPos) * Math.Log(Math.Max(p, 1e-8));
        double negative = Math.Pow(pm, gammaNeg) * Math.Log(Math.Max(1 - pm, 1e-8));
        return -((Weight(w, l) * y * positive) + ((1 - y) * negative));
    });

    private static double[] NumericGradient(Func<double[], double> f, double[] x)
    {
        const double H = 1e-6;
        var grad = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            grad[i] = (f(plus) - f(minus)) / (2 * H);
        }

        return grad;
    }

    private static (double Value, double[] Gradient) Autograd(MultiLabelLoss loss, double[] x)
    {
        using var scope = NewDisposeScope();
        var logits = tensor(x, [Rows, Cols], ScalarType.Float64).requires_grad_(true);
        var targets = tensor(Targets, [Rows, Cols], ScalarType.Float64);
        var value = loss.call(logits, targets);
        value.backward();
        return (value.item<double>(), logits.grad!.data<double>().ToArray());
    }

    private static void AssertMatches(MultiLabelLoss loss, Func<double[], double> reference)
    {
        var (value, gradient) = Autograd(loss, Logits);
        Assert.Equal(reference(Logits), value, 1e-10);
        var expected = NumericGradient(reference, Logits);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - gradient[i]) < 1e-7, $"d/dx[{i}]: autograd {gradient[i]}, finite differences {expected[i]}");
        }
    }

    [Fact]
    public void Bce_matches_the_formula_and_its_gradient()
    {
        using var loss = new BceLoss();
        AssertMatches(loss, x => ReferenceBce(x, null));
    }

    [Fact]
    public void Bce_with_positive_weights_matches_the_formula_and_its_gradient()
    {
        using var loss = new BceLoss(PosWeight.Select(w => (float)w).ToArray());
        AssertMatches(loss, x => ReferenceBce(x, PosWeight));
    }

    [Fact]
    public void Bce_agrees_with_torchsharps_own_bce_with_pos_weights()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(Logits, [Rows, Cols], ScalarType.Float32);
        var targets = tensor(Targets, [Rows, Cols], ScalarType.Float32);
        var w = tensor(PosWeight.Select(v => (float)v).ToArray());
        using var ours = new BceLoss(PosWeight.Select(v => (float)v).ToArray());
        using var theirs = nn.BCEWithLogitsLoss(pos_weights: w);
        Assert.Equal(theirs.call(logits, targets).item<float>(), ours.call(logits, targets).item<float>(), 5);
    }

    [Theory]
    [InlineData(2.0, null)]
    [InlineData(2.0, 0.25)]
    [InlineData(0.0, null)]
    [InlineData(1.5, 0.6)]
    public void Focal_matches_the_formula_and_its_gradient(double gamma, double? alpha)
    {
        using var loss = new FocalLoss(gamma, alpha, PosWeight.Select(w => (float)w).ToArray());
        AssertMatches(loss, x => ReferenceFocal(x, gamma, alpha, PosWeight));
    }

    [Fact]
    public void Focal_with_gamma_zero_is_bce()
    {
        using var focal = new FocalLoss(gamma: 0);
        using var bce = new BceLoss();
        Assert.Equal(Autograd(bce, Logits).Value, Autograd(focal, Logits).Value, 12);
    }

    [Theory]
    [InlineData(4.0, 0.0, 0.05)]
    [InlineData(4.0, 1.0, 0.05)]
    [InlineData(2.0, 1.0, 0.0)]
    [InlineData(3.0, 0.5, 0.3)]
    public void Asymmetric_matches_the_formula_and_its_gradient(double gammaNeg, double gammaPos, double clip)
    {
        using var loss = new AsymmetricLoss(gammaNeg, gammaPos, clip, PosWeight.Select(w => (float)w).ToArray());
        AssertMatches(loss, x => ReferenceAsl(x, gammaNeg, gammaPos, clip, PosWeight));
    }

    [Fact]
    public void Asymmetric_loss_ignores_negatives_below_the_clip_margin()
    {
        // p = sigmoid(-3) = 0.047 < clip 0.05: the negative cell contributes exactly nothing, value and gradient.
        using var loss = new AsymmetricLoss(gammaNegative: 4, gammaPositive: 0, clip: 0.05);
        using var scope = NewDisposeScope();
        var logits = tensor(new double[] { -3.0 }, [1, 1], ScalarType.Float64).requires_grad_(true);
        var value = loss.call(logits, zeros(1, 1, ScalarType.Float64));
        value.backward();
        Assert.Equal(0.0, value.item<double>());
        Assert.Equal(0.0, logits.grad!.item<double>());
    }

    [Fact]
    public void Asymmetric_loss_with_no_focusing_and_no_clip_is_bce()
    {
        using var asl = new AsymmetricLoss(0, 0, 0);
        using var bce = new BceLoss();
        Assert.Equal(Autograd(bce, Logits).Value, Autograd(asl, Logits).Value, 10);
    }

    [Fact]
    public void Losses_are_stable_for_extreme_logits()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 100, -100, 100, -100 }, [2, 2]).requires_grad_(true);
        var targets = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        foreach (var kind in LossCatalog.Losses.Names)
        {
            using var loss = LossCatalog.Create(kind);
            var value = loss.call(logits, targets);
            value.backward();
            Assert.True(float.IsFinite(value.item<float>()), $"{kind}: {value.item<float>()}");
            Assert.True(logits.grad!.isfinite().all().item<bool>(), $"{kind}: gradient not finite");
            logits.grad!.zero_();
        }
    }

    [Fact]
    public void Positive_weight_moves_with_the_loss_and_follows_the_logits_dtype()
    {
        using var loss = new BceLoss([2f, 3f]);
        loss.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var value = loss.call(tensor(new double[] { 0, 0 }, [1, 2], ScalarType.Float64), tensor(new double[] { 1, 1 }, [1, 2], ScalarType.Float64));
        Assert.Equal(2.5 * Math.Log(2), value.item<double>(), 10);
        Assert.Equal(ScalarType.Float64, loss.PositiveWeight!.dtype);
    }

    [Fact]
    public void Bad_hyper_parameters_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FocalLoss(gamma: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FocalLoss(gamma: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FocalLoss(alpha: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsymmetricLoss(gammaNegative: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsymmetricLoss(gammaPositive: -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsymmetricLoss(clip: 1.0));
        Assert.Throws<ArgumentException>(() => new BceLoss([1f, 0f]));
    }

    [Fact]
    public void Mismatched_shapes_are_reported()
    {
        using var loss = new BceLoss([1f, 1f, 1f]);
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => loss.call(zeros(2, 2), zeros(2, 2)));
        Assert.Contains("pos_weight has 3 labels", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => loss.call(zeros(2, 3), zeros(3, 2)));
    }

    [Fact]
    public void Positive_weights_come_from_label_frequencies()
    {
        var labels = new LabelVocabulary(["common", "rare", "never", "always"]);
        var targets = new List<float[]>();
        for (int i = 0; i < 20; i++)
        {
            targets.Add([i < 10 ? 1 : 0, i < 2 ? 1 : 0, 0, 1]);
        }

        var ds = new InMemoryImageDataset(labels, 1, 1, targets.Select(_ => new byte[3]).ToList(), targets, targets.Select((_, i) => $"s{i}").ToList());
        var w = PositiveWeights.FromLabelFrequencies(ds, max: 50);
        Assert.Equal([1f, 9f, 50f, 1f / 50f], w);
    }
}
