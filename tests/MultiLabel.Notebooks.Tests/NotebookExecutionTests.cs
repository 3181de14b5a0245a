using System.Text;
using MultiLabel.Notebooks.Tests.Support;
using MultiLabel.Tests.Support;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MultiLabel.Notebooks.Tests;

/// <summary>
/// Runs every lesson in-process (CPU, fast mode), twice: as committed (the released form: exercises still throw
/// NotImplementedException) and with the model solutions filled in between the solution markers.
/// </summary>
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    static NotebookExecutionTests()
    {
        Environment.SetEnvironmentVariable("MLC_FAST", "1");

        // Checks record their results; the tests' results must not land in the developer's own progress file.
        Environment.SetEnvironmentVariable("MLC_PROGRESS_FILE", Path.Combine(Path.GetTempPath(), "mlc-tests", $"notebook-progress-{Environment.ProcessId}.json"));
    }

    public static TheoryData<string> Lessons => [.. NotebookFile.LessonPaths().Select(p => Path.GetFileName(p))];

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task Released_notebook_runs_top_to_bottom_and_reports_exercises_not_attempted(string name)
    {
        output.WriteLine(LibraryBuild.EnsureCurrent());
        var run = await NotebookRunner.RunAsync(NotebookFile.Load(RepoPaths.Combine("notebooks", name)));
        output.WriteLine($"{name}: {run.Elapsed.TotalSeconds:F1} s");

        AssertNoFailures(run);
        AssertDisplaysShowed(run);
        var warnings = run.Cells.SelectMany(c => c.Warnings.Select(w => $"{name}, {c.Cell}: {w}")).ToList();
        Assert.True(warnings.Count == 0, "Compiler warnings in the lesson's outputs:\n" + string.Join("\n", warnings));
        foreach (var cell in run.Cells.Where(c => c.Cell.ExerciseId is not null))
        {
            Assert.True(cell.Html.Any(h => h.Contains("data-mlc-check=\"not-attempted\"", StringComparison.Ordinal)),
                $"{name}, {cell.Cell}: the released exercise should report 'not attempted yet'; it showed:\n{string.Join("\n", cell.Html)}");
        }
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task With_the_model_solutions_filled_in_every_check_passes(string name)
    {
        output.WriteLine(LibraryBuild.EnsureCurrent());
        var notebook = NotebookFile.Load(RepoPaths.Combine("notebooks", name));
        var rewriteErrors = new List<string>();
        var run = await NotebookRunner.RunAsync(notebook, async (cell, kernel) =>
        {
            if (cell.ExerciseId is not { } id)
            {
                return cell.Source;
            }

            // The library in the kernel fills the region: the same code a grading project would use.
            var source = Convert.ToBase64String(Encoding.UTF8.GetBytes(cell.Source));
            var errors = await NotebookRunner.SubmitAsync(kernel,
                $"var __mlcFilled = MultiLabel.Exercises.SolutionMarkers.Fill(System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String(\"{source}\")), " +
                $"MultiLabel.Exercises.ExerciseCatalog.Get(\"{id}\").SolutionCode);\nvar __mlcPoints = MultiLabel.Exercises.ExerciseCatalog.Get(\"{id}\").Points;");
            rewriteErrors.AddRange(errors.Select(e => $"{cell}: {e}"));
            Assert.True(kernel.TryGetValue<string>("__mlcFilled", out var filled), $"{name}, {cell}: could not fill the solution region.");
            Assert.True(kernel.TryGetValue<int>("__mlcPoints", out var points));
            Assert.True(points == cell.Points, $"{name}, {cell}: metadata says {cell.Points} points, the library's exercise {id} {points}.");
            return filled!;
        });
        output.WriteLine($"{name} with solutions: {run.Elapsed.TotalSeconds:F1} s");

        Assert.True(rewriteErrors.Count == 0, string.Join("\n", rewriteErrors));
        AssertNoFailures(run);
        var exercises = run.Cells.Where(c => c.Cell.ExerciseId is not null).ToList();
        Assert.NotEmpty(exercises);
        foreach (var cell in exercises)
        {
            Assert.True(cell.Html.Any(h => h.Contains("data-mlc-check=\"passed\"", StringComparison.Ordinal)),
                $"{name}, {cell.Cell}: the model solution should pass; the cell ran\n{cell.SubmittedCode}\nand showed:\n{string.Join("\n", cell.Html)}");
        }
    }

    private static void AssertNoFailures(NotebookRun run)
    {
        var failures = run.Failures.ToList();
        Assert.True(failures.Count == 0, "Cells failed:\n" + string.Join("\n", failures));
    }

    private static void AssertDisplaysShowed(NotebookRun run)
    {
        var silent = run.Cells.Where(c => c.Cell.Displays && c.Html.Count == 0).Select(c => $"{run.Notebook.Name}, {c.Cell}").ToList();
        Assert.True(silent.Count == 0, "Cells that display something produced no HTML output:\n" + string.Join("\n", silent));
    }
}
