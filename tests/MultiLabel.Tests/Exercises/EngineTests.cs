using System.Text.Json;
using MultiLabel.Exercises;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Exercises;

/// <summary>What every exercise must do: the engine's contract, checked on each of them.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class EngineTests
{
    public static TheoryData<string> Ids => ExerciseRunner.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_model_answer_passes_every_case(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        var result = exercise.Evaluate(ExerciseRunner.ModelAnswer(exercise));
        Assert.True(result.Status == CheckStatus.Passed, $"{id}: {result.Message}");
        Assert.Same(result, exercise.LastResult);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_model_answer_passes_on_other_seeds_too(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        foreach (var seed in new[] { 1, 2, 77 })
        {
            var result = exercise.Evaluate(ExerciseRunner.ModelAnswer(exercise), seed);
            Assert.True(result.Status == CheckStatus.Passed, $"{id}, seed {seed}: {result.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void An_answer_that_throws_NotImplementedException_is_not_attempted(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        var result = exercise.Evaluate(ExerciseRunner.Throwing(exercise, new NotImplementedException()));
        Assert.Equal(CheckStatus.NotAttempted, result.Status);
        Assert.Contains("NotImplementedException", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Another_exception_fails_the_check_and_is_named(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        var result = exercise.Evaluate(ExerciseRunner.Throwing(exercise, new InvalidOperationException("boom")));
        ExerciseRunner.Rejected(result, "InvalidOperationException: boom");
        Assert.Contains("Case 1 of", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Cases_are_the_same_for_a_seed_and_differ_across_seeds(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        var first = exercise.CasesJson(11);
        Assert.Equal(first, exercise.CasesJson(11));
        Assert.True(first.Count >= 4, $"{id} has only {first.Count} cases.");
        Assert.Contains("\"IsExample\":true", first[0], StringComparison.Ordinal);
        Assert.All(first.Skip(1), c => Assert.Contains("\"IsExample\":false", c, StringComparison.Ordinal));
        Assert.Equal(first[0], exercise.CasesJson(12)[0]);
        Assert.NotEqual(first.Skip(1), exercise.CasesJson(12).Skip(1));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Cases_and_observations_round_trip_through_json_and_judge_in_another_step(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        var cases = exercise.CasesJson(Exercise.PublicSeed);
        var model = ExerciseRunner.ModelAnswer(exercise);
        var learner = new List<string>();
        var reference = new List<string>();
        foreach (var json in cases)
        {
            // What a grader does: observe the learner's answer "in the child", the reference "in the parent", then judge.
            var observed = exercise.ObserveJson(model, json);
            var expected = exercise.ObserveReferenceJson(json);
            Assert.Equal(expected, observed);
            using var document = JsonDocument.Parse(observed);
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("Error").ValueKind);
            Assert.Null(exercise.JudgeJson(json, observed, expected));
            learner.Add(observed);
            reference.Add(expected);
        }

        Assert.Equal(CheckStatus.Passed, exercise.ConcludeJson(cases, learner, reference).Status);
        var notAttempted = cases.Select(c => exercise.ObserveJson(ExerciseRunner.Throwing(exercise, new NotImplementedException()), c)).ToList();
        Assert.Contains("\"Type\":\"NotImplementedException\"", notAttempted[0], StringComparison.Ordinal);
        Assert.Equal(CheckStatus.NotAttempted, exercise.ConcludeJson(cases, notAttempted, reference).Status);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Hints_climb_and_none_writes_the_answer_out(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        Assert.True(exercise.Hints.Count >= 2, $"{id} has {exercise.Hints.Count} hint(s).");
        var solutionLines = exercise.SolutionCode.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("//", StringComparison.Ordinal));
        foreach (var hint in exercise.Hints)
        {
            Assert.DoesNotContain(exercise.SolutionCode.Trim(), hint, StringComparison.Ordinal);
            foreach (var line in solutionLines)
            {
                Assert.False(hint.Contains(line, StringComparison.Ordinal), $"{id}: a hint holds the solution line '{line}'.");
            }

        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_solution_code_is_a_body_that_returns(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        Assert.Contains("return ", exercise.SolutionCode, StringComparison.Ordinal);
        Assert.False(exercise.SolutionCode.TrimStart().StartsWith('('), $"{id}: the solution code is still a lambda: {exercise.SolutionCode}");
        Assert.Equal(exercise.SolutionCode, exercise.SolutionCode.Trim());
        Assert.DoesNotContain("\n    \n", exercise.SolutionCode, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_leaves_the_global_random_generator_as_it_was()
    {
        TorchSharp.torch.manual_seed(5);
        using var expected = TorchSharp.torch.rand(3);
        TorchSharp.torch.manual_seed(5);
        MultiLabel.Exercises.Lessons.Lesson04.Head.Evaluate(MultiLabel.Exercises.Lessons.Lesson04.Head.ModelAnswer);
        using var after = TorchSharp.torch.rand(3);
        Assert.True(expected.equal(after).all().item<bool>());
    }

    [Fact]
    public void Check_shows_a_machine_readable_box_and_hints_and_solution_show_text()
    {
        using var scope = CapturingSink.Install();
        var exercise = MultiLabel.Exercises.Lessons.Lesson00.CountLabels;
        exercise.Check(_ => throw new NotImplementedException());
        exercise.Check(t => t.Count(v => v == 1f));
        exercise.Hint();
        exercise.Hint(99);
        exercise.Solution();
        var shown = scope.Sink.Shown.Select(s => s.Content).ToList();
        Assert.Contains("data-mlc-check=\"not-attempted\"", shown[0].Html, StringComparison.Ordinal);
        Assert.Contains("data-mlc-check=\"passed\"", shown[1].Html, StringComparison.Ordinal);
        Assert.StartsWith("[passed] exercise 00.1", shown[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Hint 1 of 2", shown[2].Text, StringComparison.Ordinal);
        Assert.Contains("(more: Hint(2))", shown[2].Text, StringComparison.Ordinal);
        Assert.StartsWith("Hint 2 of 2", shown[3].Text, StringComparison.Ordinal);
        Assert.Contains("Solution()", shown[3].Text, StringComparison.Ordinal);
        Assert.Contains(exercise.SolutionCode, shown[4].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerOrModel_uses_a_passing_answer_and_falls_back_to_the_model_answer_otherwise()
    {
        using var scope = CapturingSink.Install();
        var exercise = MultiLabel.Exercises.Lessons.Lesson00.CountLabels;
        Func<float[], int> mine = t => t.Count(v => v == 1f);
        Func<float[], int> wrong = t => t.Length;
        Assert.Same(mine, exercise.AnswerOrModel(mine));
        Assert.Same(exercise.ModelAnswer, exercise.AnswerOrModel(wrong));
        Assert.Same(exercise.ModelAnswer, exercise.AnswerOrModel(_ => throw new NotImplementedException()));
        var lines = scope.Sink.Shown.Select(s => s.Content.Text).ToList();
        Assert.StartsWith("Using your answer to exercise 00.1", lines[0], StringComparison.Ordinal);
        Assert.Contains("does not pass its check yet", lines[1], StringComparison.Ordinal);
        Assert.Contains("is not written yet", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_has_unique_ids_three_exercises_per_lesson_from_01_and_names_the_known_ids()
    {
        var ids = ExerciseCatalog.All.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^\d\d\.\d+$", id));
        Assert.Equal(2, ExerciseCatalog.ForLesson("00").Count);
        Assert.All(new[] { "01", "02", "03", "04" }, lesson => Assert.True(ExerciseCatalog.ForLesson(lesson).Count >= 3, lesson));
        var error = Assert.Throws<KeyNotFoundException>(() => ExerciseCatalog.Get("99.9"));
        Assert.Contains("02.1", error.Message, StringComparison.Ordinal);
    }
}
