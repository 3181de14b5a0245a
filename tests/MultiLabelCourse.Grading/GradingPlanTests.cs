using MultiLabel.Exercises;
using MultiLabel.Grading.Engine;
using MultiLabel.Grading.Notebooks;
using MultiLabel.Grading.Release;
using MultiLabelCourse.Grading.Support;

namespace MultiLabelCourse.Grading;

/// <summary>The parts of the grader's plan that need no child: cases, the "not allowed" check, the check lines.</summary>
public sealed class GradingPlanTests
{
    [Fact]
    public void Cases_are_the_public_ones_then_the_hidden_seed_then_the_instructor_extra_ones()
    {
        var exercise = ExerciseCatalog.Get("00.1");
        var extra = Directory.CreateTempSubdirectory("mlc-extra-").FullName;
        var instructorCase = exercise.CasesJson(Exercise.PublicSeed)[0].Replace("the example in the notebook", "an instructor's case", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(extra, "00.1.json"), "[" + instructorCase + "]");
        var options = CourseGrading.Options() with { ExtraChecks = extra };

        var cases = SubmissionPlanner.Cases(exercise, options, hiddenSeed: 99);
        var visible = exercise.CasesJson(Exercise.PublicSeed);
        var hidden = exercise.CasesJson(99).Skip(1).ToList();
        Assert.Equal([.. visible, .. hidden, instructorCase], cases.Select(c => System.Text.Json.JsonDocument.Parse(c).RootElement.GetRawText()));
        Assert.NotEqual(visible.Skip(1), hidden);

        // The parent judges an instructor's case like any other: the model answer agrees with itself.
        var reference = exercise.ObserveReferenceJson(cases[^1]);
        Assert.Null(exercise.JudgeJson(cases[^1], reference, reference));
    }

    [Theory]
    [InlineData("return Lesson01.Cardinality.ModelAnswer(targets);", true)]
    [InlineData("return MultiLabel.Exercises.ExerciseCatalog.Get(\"01.1\").ToString().Length;", true)]
    [InlineData("var e = ExerciseCatalog.All; return 0;", true)]
    [InlineData("return targets.Average(t => (double)t.Sum()); // not Lesson01.Cardinality.ModelAnswer", false)]
    [InlineData("return targets.Average(t => (double)t.Sum());", false)]
    public void A_solution_that_reaches_for_the_exercise_library_is_not_allowed(string solution, bool refused)
    {
        var cell = SolutionMarkers.Fill("// EXERCISE 01.1: x\ndouble Cardinality(float[][] targets)\n{\n    // BEGIN SOLUTION\n    throw new NotImplementedException();\n    // END SOLUTION\n}\n\nLesson01.Cardinality.Check(Cardinality);", solution);
        Assert.Equal(refused, SubmissionPlanner.NotAllowed(cell) is not null);
    }

    [Fact]
    public void Every_exercise_cell_of_the_course_has_a_check_line_the_grader_reads()
    {
        foreach (var lesson in CourseRelease.Lessons(CourseGrading.Notebooks))
        {
            var notebook = NotebookDocument.Load(lesson);
            foreach (var exercise in ExerciseCatalog.ForLesson(CourseRelease.LessonNumber(lesson)))
            {
                var cell = notebook.ExerciseCell(exercise.Id);
                Assert.True(cell is not null, $"{notebook.Name}: no cell for exercise {exercise.Id}");
                var call = SubmissionPlanner.CheckCall(cell!.Source);
                Assert.True(call is not null, $"{notebook.Name}: exercise {exercise.Id}'s cell has no check line");
                Assert.StartsWith("Lesson" + exercise.Id[..2] + ".", call!.Value.Receiver, StringComparison.Ordinal);
            }
        }

        Assert.Equal(("Lesson04.CnnForward", "numLabels => new MyCnn(numLabels)"), SubmissionPlanner.CheckCall("x\nLesson04.CnnForward.Check(numLabels => new MyCnn(numLabels));\n"));
    }

    [Fact]
    public void The_notebook_check_and_the_grader_agree_on_every_visible_case()
    {
        Environment.SetEnvironmentVariable(ExerciseProgress.EnvironmentVariable, Path.Combine(Path.GetTempPath(), $"mlc-grading-tests-{Environment.ProcessId}.json"));
        var exercise = ExerciseCatalog.Get("01.1");
        Func<float[][], double> wrongAveraging = targets => targets.Where(t => t.Sum() > 0).Average(t => (double)t.Sum());
        Func<float[][], double> notWritten = _ => throw new NotImplementedException();
        foreach (var answer in new Delegate[] { wrongAveraging, notWritten, (Delegate)exercise.GetType().GetProperty("ModelAnswer")!.GetValue(exercise)! })
        {
            var cases = exercise.CasesJson(Exercise.PublicSeed);
            var planned = new PlannedExercise("01-what-is-multilabel", exercise, null, new ExerciseJob(exercise.Id, "Lesson01.Cardinality", "Cardinality", cases));
            var graded = CaseJudge.Judge(planned, [.. cases.Select(c => exercise.ObserveJson(answer, c))]);
            var inNotebook = exercise.Evaluate(answer);
            Assert.Equal(inNotebook.Status switch { CheckStatus.Passed => GradeStatus.Passed, CheckStatus.NotAttempted => GradeStatus.NotAttempted, _ => GradeStatus.Failed }, graded.Status);
            if (inNotebook.Status == CheckStatus.Failed)
            {
                // The same words, the same case: the notebook adds only its "Stuck? Run Hint()" nudge.
                Assert.Equal(inNotebook.Message.Replace(" Stuck? Run Hint() on the exercise.", string.Empty, StringComparison.Ordinal), graded.Message);
            }
        }
    }
}
