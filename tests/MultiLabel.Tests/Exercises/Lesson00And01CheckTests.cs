using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;
using static MultiLabel.Tests.Exercises.ExerciseRunner;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lessons 00 and 01 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson00And01CheckTests
{
    [Fact]
    public void CountLabels_rejects_the_length_a_count_of_zeros_and_a_minimum_of_one()
    {
        var check = Lesson00.CountLabels;
        Rejected(check.Evaluate(t => t.Length), "CountLabels([1, 0, 1, 0, 0, 1]) returned 6");
        Rejected(check.Evaluate(t => t.Count(v => v == 0)), "for a target without any 1");
        Rejected(check.Evaluate(t => t.Count(v => v == 1) / 2), "which is not the number of entries equal to 1");
        Rejected(check.Evaluate(t => Math.Max(1, t.Count(v => v == 1))), "an image may carry no label at all");
        Assert.DoesNotContain("3", check.Evaluate(t => t.Length).Message.Split('(')[0].Replace("[1, 0, 1, 0, 0, 1]", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void LabelNames_rejects_all_names_absent_names_reversed_order_and_null()
    {
        var check = Lesson00.LabelNames;
        Rejected(check.Evaluate((t, n) => n), "one name for every entry equal to 1");
        Rejected(check.Evaluate((t, n) => [.. n.Where((_, i) => t[i] == 0)]), "is not right");
        Rejected(check.Evaluate((t, n) => [.. n.Where((_, i) => t[i] == 1).Reverse()]), "not in column order");
        Rejected(check.Evaluate((t, n) => null!), "returned null");
    }

    [Fact]
    public void Cardinality_rejects_skipped_empty_images_a_mean_per_label_and_integer_division()
    {
        var check = Lesson01.Cardinality;
        Rejected(check.Evaluate(t => t.Where(r => r.Sum() > 0).Average(r => r.Sum())), "left out the images without any label");
        Rejected(check.Evaluate(t => t.Sum(r => r.Sum()) / t[0].Length), "divided by the number of labels");
        Rejected(check.Evaluate(t => t.Sum(r => (int)r.Sum()) / t.Length), "integer division");
        Assert.Equal(MultiLabel.Exercises.CheckStatus.Passed, check.Evaluate(t => t.Average(r => r.Sum())).Status);
    }

    [Fact]
    public void HammingAccuracy_rejects_exact_match_a_division_by_images_and_recall()
    {
        var check = Lesson01.HammingAccuracy;
        Rejected(check.Evaluate((t, p) => t.Zip(p).Count(x => x.First.SequenceEqual(x.Second)) / (double)t.Length), "exact-match ratio");
        Rejected(check.Evaluate((t, p) => t.Zip(p).Sum(x => x.First.Zip(x.Second).Count(c => c.First == c.Second)) / (double)t.Length), "divided by the number of images");
        Rejected(check.Evaluate((t, p) => t.Zip(p).Sum(x => x.First.Zip(x.Second).Count(c => c.First == 1 && c.Second == 1)) / (double)t.Sum(r => r.Sum())), "that is recall");
    }

    [Fact]
    public void ConditionalCooccurrence_rejects_counts_a_transposed_matrix_the_joint_probability_and_nan()
    {
        var check = Lesson01.ConditionalCooccurrence;
        Rejected(check.Evaluate(t => Matrix(t, (both, withI, withJ, n) => both)), "These are counts");
        Rejected(check.Evaluate(t => Matrix(t, (both, withI, withJ, n) => withJ == 0 ? 0 : both / withJ)), "transposed");
        Rejected(check.Evaluate(t => Matrix(t, (both, withI, withJ, n) => both / n)), "P(i and j)");
        Rejected(check.Evaluate(t => Matrix(t, (both, withI, withJ, n) => both / withI)), "NaN");
        Rejected(check.Evaluate(t => new double[t.Length, t.Length]), "one row and one column per label");
    }

    private static double[,] Matrix(float[][] targets, Func<double, double, double, double, double> entry)
    {
        int labels = targets[0].Length;
        var result = new double[labels, labels];
        for (int i = 0; i < labels; i++)
        {
            for (int j = 0; j < labels; j++)
            {
                double both = targets.Count(t => t[i] == 1 && t[j] == 1);
                result[i, j] = entry(both, targets.Count(t => t[i] == 1), targets.Count(t => t[j] == 1), targets.Length);
            }
        }

        return result;
    }
}
