using MultiLabel.Exercises;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

[Collection(DisplayGlobalState.Name)]
public sealed class ExerciseTests
{
    [Fact]
    public void An_answer_that_still_throws_NotImplementedException_is_not_attempted()
    {
        var result = Lesson00.CountLabels.Evaluate(_ => throw new NotImplementedException());
        Assert.Equal(CheckStatus.NotAttempted, result.Status);
        Assert.Contains("NotImplementedException", result.Message, StringComparison.Ordinal);
        Assert.Same(result, Lesson00.CountLabels.LastResult);
    }

    [Fact]
    public void A_wrong_answer_fails_with_a_hint_that_does_not_give_the_expected_value_away()
    {
        var result = Lesson00.CountLabels.Evaluate(target => target.Length / 3);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("returned 2", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_that_forgets_images_without_labels_gets_a_specific_message()
    {
        var result = Lesson00.CountLabels.Evaluate(target => Math.Max(1, target.Count(v => v == 1f)));
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("no label at all", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_exceptions_fail_the_check_without_escaping()
    {
        var result = Lesson00.CountLabels.Evaluate(_ => throw new InvalidOperationException("boom"));
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("InvalidOperationException: boom", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_right_answer_passes()
    {
        Assert.Equal(CheckStatus.Passed, Lesson00.CountLabels.Evaluate(target => target.Count(v => v == 1f)).Status);
    }

    [Fact]
    public void Check_shows_the_result_with_a_machine_readable_status()
    {
        using var scope = CapturingSink.Install();
        Lesson00.CountLabels.Check(_ => throw new NotImplementedException());
        Lesson00.CountLabels.Check(target => target.Count(v => v == 1f));
        Assert.Equal(2, scope.Sink.Shown.Count);
        Assert.Contains("data-mlc-check=\"not-attempted\"", scope.Sink.Shown[0].Content.Html, StringComparison.Ordinal);
        Assert.Contains("Not attempted yet", scope.Sink.Shown[0].Content.Html, StringComparison.Ordinal);
        Assert.Contains("data-mlc-check=\"passed\"", scope.Sink.Shown[1].Content.Html, StringComparison.Ordinal);
        Assert.StartsWith("[passed] exercise 00.1", scope.Sink.Shown[1].Content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hints_go_level_by_level_and_stop_at_the_last_one()
    {
        using var scope = CapturingSink.Install();
        Lesson00.CountLabels.Hint();
        Lesson00.CountLabels.Hint(2);
        Lesson00.CountLabels.Hint(99);
        Lesson00.CountLabels.Solution();
        var texts = scope.Sink.Shown.Select(s => s.Content.Text).ToList();
        Assert.StartsWith("Hint 1 of 3", texts[0], StringComparison.Ordinal);
        Assert.Contains("(more: Hint(2))", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("Hint 2 of 3", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("Hint 3 of 3", texts[2], StringComparison.Ordinal);
        Assert.DoesNotContain("more:", texts[2], StringComparison.Ordinal);
        Assert.Contains(Lesson00.CountLabels.SolutionCode, texts[3], StringComparison.Ordinal);
    }

    [Fact]
    public void The_sum_0_trap_is_named_in_the_label_frequency_check()
    {
        var trap = Lesson02.LabelFrequency.Evaluate(t => t.sum(0));
        Assert.Equal(CheckStatus.Failed, trap.Status);
        Assert.Contains("sum(dim: 0)", trap.Message, StringComparison.Ordinal);
        var wrongDimension = Lesson02.LabelFrequency.Evaluate(t => t.mean([1]));
        Assert.Contains("dim 0", wrongDimension.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, Lesson02.LabelFrequency.Evaluate(t => t.sum(dim: 0) / t.shape[0]).Status);
    }

    [Fact]
    public void Multi_hot_check_explains_which_row_is_wrong()
    {
        var countsTwice = Lesson02.MultiHot.Evaluate((lists, n) =>
        {
            var data = new float[lists.Length * n];
            for (int i = 0; i < lists.Length; i++)
            {
                foreach (var label in lists[i])
                {
                    data[(i * n) + label] += 1f;
                }
            }

            return tensor(data, [lists.Length, n]);
        });
        Assert.Equal(CheckStatus.Failed, countsTwice.Status);
        Assert.Contains("Row 3 (label 3 listed twice)", countsTwice.Message, StringComparison.Ordinal);
        var wrongType = Lesson02.MultiHot.Evaluate((lists, n) => zeros([lists.Length, n], ScalarType.Int64));
        Assert.Contains("dtype Int64", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_naive_bce_fails_on_large_logits_and_the_stable_one_passes()
    {
        var naive = Lesson03.BceWithLogits.Evaluate((z, y) =>
        {
            var p = z.sigmoid();
            return (-((y * p.log()) + ((1 - y) * (1 - p).log()))).mean();
        });
        Assert.Equal(CheckStatus.Failed, naive.Status);
        Assert.Contains("logits of size 40", naive.Message, StringComparison.Ordinal);
        var summed = Lesson03.BceWithLogits.Evaluate((z, y) => nn.functional.binary_cross_entropy_with_logits(z, y, reduction: nn.Reduction.Sum));
        Assert.Contains("sum", summed.Message, StringComparison.Ordinal);
        var stable = Lesson03.BceWithLogits.Evaluate((z, y) => (z.relu() - (z * y) + log1p(exp(-z.abs()))).mean());
        Assert.Equal(CheckStatus.Passed, stable.Status);
    }

    [Fact]
    public void A_gradient_that_forgets_the_mean_is_told_the_factor()
    {
        var unscaled = Lesson03.BceGradient.Evaluate((z, y) => z.sigmoid() - y);
        Assert.Equal(CheckStatus.Failed, unscaled.Status);
        Assert.Contains("6 times too large", unscaled.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, Lesson03.BceGradient.Evaluate((z, y) => (z.sigmoid() - y) / z.numel()).Status);
    }

    [Fact]
    public void Module_exercises_check_against_real_layers()
    {
        Assert.Equal(CheckStatus.Passed, Lesson04.ConvOutputSize.Evaluate((s, k, st, p) => ((s + (2 * p) - k) / st) + 1).Status);
        Assert.Contains("a real Conv2d", Lesson04.ConvOutputSize.Evaluate((s, k, st, p) => s - k + 1).Message, StringComparison.Ordinal);
        var weightsOnly = Lesson04.CountParameters.Evaluate(m => m.parameters().Where(p => p.dim() > 1).Sum(p => p.numel()));
        Assert.Contains("bias", weightsOnly.Message, StringComparison.Ordinal);
        var withSigmoid = Lesson04.Head.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 8), nn.ReLU(), nn.Linear(8, n), nn.Sigmoid()));
        Assert.Contains("logits", withSigmoid.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, Lesson04.Head.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 8), nn.ReLU(), nn.Linear(8, n))).Status);
    }

    [Fact]
    public void Cardinality_accepts_a_float_sum_and_names_a_forgotten_empty_image()
    {
        // A float sum averaged as float (1.4f) must still pass: the check compares with a tolerance.
        Assert.Equal(CheckStatus.Passed, Lesson01.MeanLabelsPerImage.Evaluate(targets => targets.Average(t => t.Sum())).Status);
        var withoutEmpty = Lesson01.MeanLabelsPerImage.Evaluate(targets => targets.Where(t => t.Sum() > 0).Average(t => t.Sum()));
        Assert.Contains("image with no labels", withoutEmpty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_has_unique_well_formed_ids_and_names_the_known_ones()
    {
        var ids = ExerciseCatalog.All.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^\d\d\.\d+$", id));
        Assert.All(new[] { "02", "03", "04" }, lesson => Assert.True(ExerciseCatalog.ForLesson(lesson).Count >= 2));
        var error = Assert.Throws<KeyNotFoundException>(() => ExerciseCatalog.Get("99.9"));
        Assert.Contains("02.1", error.Message, StringComparison.Ordinal);
        var progress = ExerciseCatalog.Progress("03");
        Assert.Equal(3, progress.Rows.Count);
        Assert.Contains(" of 5 points", progress.Title, StringComparison.Ordinal);
    }
}
