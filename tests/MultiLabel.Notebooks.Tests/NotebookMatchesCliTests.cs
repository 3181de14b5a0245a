using System.Diagnostics;
using System.Text.Json;
using MultiLabel.Notebooks.Tests.Support;
using MultiLabel.Tests.Support;
using Xunit.Abstractions;

namespace MultiLabel.Notebooks.Tests;

/// <summary>
/// A notebook's <c>TrainingRun</c> is <c>mlc train</c>: lesson 04's training cell (fast mode), run in the notebook
/// kernel, and <c>mlc train --recipe</c> with the recipe that cell built, run as a separate process, give the same
/// test metrics for the same seed.
/// </summary>
public sealed class NotebookMatchesCliTests(ITestOutputHelper output)
{
    static NotebookMatchesCliTests() => NotebookEnvironment.Use();

    [Fact]
    public async Task Lesson_04s_training_cell_gives_the_test_metrics_of_mlc_train_with_the_same_recipe()
    {
        output.WriteLine(LibraryBuild.EnsureCurrent());
        output.WriteLine(LibraryBuild.EnsureCliCurrent());
        var folder = Directory.CreateTempSubdirectory("mlc-nb-cli-");
        try
        {
            var recipeFile = Path.Combine(folder.FullName, "recipe.json");
            var metricsFile = Path.Combine(folder.FullName, "notebook-metrics.json");
            var notebook = NotebookFile.Load(RepoPaths.Combine("notebooks", "04-nn-modules.ipynb"));
            var training = notebook.CodeCells.Single(c => c.Source.Contains("TrainingRun.Start(recipe)", StringComparison.Ordinal));
            var run = await NotebookRunner.RunAsync(notebook,
                include: c => c.Number == 1 || c == training,
                after: async kernel =>
                {
                    var errors = await NotebookRunner.SubmitAsync(kernel,
                        $"MultiLabel.Training.RunDirectory.WriteRecipeFile({JsonSerializer.Serialize(recipeFile)}, recipe);\n" +
                        $"System.IO.File.WriteAllText({JsonSerializer.Serialize(metricsFile)}, System.Text.Json.JsonSerializer.Serialize(result.Summary.Test));");
                    Assert.True(errors.Count == 0, string.Join("\n", errors));
                });
            Assert.True(!run.Failures.Any(), string.Join("\n", run.Failures));

            var runFolder = Path.Combine(folder.FullName, "cli-run");
            var (exit, text) = RunMlc("train", "--recipe", recipeFile, "--out", runFolder);
            Assert.True(exit == 0, $"mlc train --recipe failed ({exit}):\n{text}");

            var notebookMetrics = JsonDocument.Parse(File.ReadAllText(metricsFile)).RootElement;
            var cliMetrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json"))).RootElement.GetProperty("test");
            output.WriteLine($"notebook: {notebookMetrics}\nmlc:      {cliMetrics}");
            foreach (var metric in new[] { "f1_micro", "f1_macro", "hamming_loss", "subset_accuracy" })
            {
                Assert.Equal(cliMetrics.GetProperty(metric).GetDouble(), notebookMetrics.GetProperty(metric).GetDouble(), 9);
            }

            // The recipe the CLI ran is the notebook's, spelled as the CLI spells it.
            var ran = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "config.json"))).RootElement;
            var saved = JsonDocument.Parse(File.ReadAllText(recipeFile)).RootElement;
            foreach (var property in saved.EnumerateObject())
            {
                Assert.Equal(property.Value.ToString(), ran.GetProperty(property.Name).ToString());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int Exit, string Text) RunMlc(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [LibraryBuild.CliPath, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment.Remove("MLC_FAST");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 5 minutes\n" + stdout.Result + stderr.Result);
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
