using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;
using TorchSharp;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 02 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson02CheckTests
{
    [Fact]
    public void ToChw_rejects_a_straight_reshape_swapped_axes_and_a_missing_permute()
    {
        var check = Lesson02.ToChw;
        Rejected(check.Evaluate((p, h, w) => torch.tensor(p, new long[] { 3, h, w })), "still in the array's order");
        Rejected(check.Evaluate((p, h, w) => torch.tensor(p, new long[] { h, w, 3 }).permute(2, 1, 0)), "height and width are swapped");
        Rejected(check.Evaluate((p, h, w) => torch.tensor(p, new long[] { h, w, 3 })), "the colour channel must come first");
        Rejected(check.Evaluate((p, h, w) => torch.tensor(p, new long[] { w, h, 3 }).permute(2, 0, 1)), "height and width are swapped");
        Rejected(check.Evaluate((p, h, w) => torch.tensor(p, new long[] { h, w, 3 }).permute(2, 0, 1).to(ScalarType.Float64)), "dtype Float64");
        Rejected(check.Evaluate((p, h, w) => null!), "returned null");
    }

    [Fact]
    public void Standardize_rejects_dividing_by_the_mean_centring_only_global_and_per_image_statistics()
    {
        var check = Lesson02.Standardize;
        Rejected(check.Evaluate(x => x / x.mean([0, 2, 3], keepdim: true)), "has mean");
        Rejected(check.Evaluate(x => x - x.mean([0, 2, 3], keepdim: true)), "standard deviation");
        Rejected(check.Evaluate(x => (x - x.mean()) / x.std()), "has mean");
        Rejected(check.Evaluate(x => (x - x.mean([2, 3], keepdim: true)) / x.std([2, 3], keepdim: true)), "statistics per image");
        Rejected(check.Evaluate(x => (x - x.mean([0, 2, 3])) / x.std([0, 2, 3])), "Your code threw");
    }

    [Fact]
    public void Standardize_accepts_the_population_standard_deviation_too()
    {
        var result = Lesson02.Standardize.Evaluate(x => (x - x.mean([0, 2, 3], keepdim: true)) / x.std([0, 2, 3], unbiased: false, keepdim: true));
        Assert.True(result.Status == CheckStatus.Passed, result.Message);
    }

    [Fact]
    public void LabelFrequency_rejects_the_sum_0_trap_the_wrong_dimension_counts_and_float64()
    {
        var check = Lesson02.LabelFrequency;
        Rejected(check.Evaluate(t => t.sum(0)), "sum(dim: 0)");
        Rejected(check.Evaluate(t => t.mean([1])), "one value per image");
        Rejected(check.Evaluate(t => t.sum(dim: 0)), "counts of images");
        Rejected(check.Evaluate(t => t.sum(dim: 0, type: ScalarType.Float64) / t.shape[0]), "Float32");
        Assert.Equal(CheckStatus.Passed, check.Evaluate(t => t.mean([0])).Status);
    }

    [Fact]
    public void MultiHot_rejects_swapped_dimensions_counts_int64_and_a_one_hot_of_the_first_label()
    {
        var check = Lesson02.MultiHot;
        Rejected(check.Evaluate((lists, n) => Encode(lists, n).t()), "rows are labels and columns images");
        Rejected(check.Evaluate((lists, n) => Encode(lists, n, add: true)), "listed twice");
        Rejected(check.Evaluate((lists, n) => Encode(lists, n).to(ScalarType.Int64)), "Float32");
        Rejected(check.Evaluate((lists, n) => Encode([.. lists.Select(l => l.Take(1).ToArray())], n)), "Row 0 (labels [0, 2]) is not right");
    }

    private static Tensor Encode(int[][] lists, int labels, bool add = false)
    {
        var data = new float[lists.Length * labels];
        for (int i = 0; i < lists.Length; i++)
        {
            foreach (var label in lists[i])
            {
                data[(i * labels) + label] = add ? data[(i * labels) + label] + 1 : 1;
            }
        }

        return torch.tensor(data, new long[] { lists.Length, labels });
    }
}
