using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using MultiLabel.Grading.Engine;
using MultiLabel.Runtime;

namespace MultiLabel.Grading.Child;

/// <summary>
/// Runs the notebooks of a <see cref="ChildJob"/> one after another, each in a fresh in-process C# kernel: the
/// grader's set-up in place of the set-up cell (the course library and TorchSharp of this process, then the course's
/// setup-library.csx), every code cell in the learner's order, then each exercise's function on its cases
/// (<see cref="MultiLabel.Exercises.Exercise.ObserveJson"/>, evaluated in the kernel). Events go to
/// <paramref name="emit"/> as they happen, so the parent knows what was running when a cell hangs or the process dies.
/// </summary>
internal sealed class NotebookExecutor(ChildJob job, Action<ChildEvent> emit)
{
    /// <summary>Declared in every kernel before the learner's cells: turns the check line's answer into the exercise's delegate type.</summary>
    private const string Helper = """
        static TAnswer __MlcAnswerOf<TAnswer, TInput, TObservation>(MultiLabel.Exercises.Exercise<TAnswer, TInput, TObservation> exercise, TAnswer answer)
            where TAnswer : System.Delegate where TInput : class where TObservation : class => answer;
        """;

    private static readonly string[] LibraryAssemblies = ["TorchSharp.dll", "TorchVision.dll", "TorchSharp.PyBridge.dll", "SixLabors.ImageSharp.dll", "MultiLabel.dll"];

    public async Task RunAsync()
    {
        TorchRuntime.EnsureLoaded();
        AnswerSeal.Apply();
        Emit(ChildEvents.Ready, string.Empty);
        foreach (var notebook in job.Notebooks)
        {
            await RunNotebookAsync(notebook);
        }

        Emit(ChildEvents.Done, string.Empty);
    }

    private async Task RunNotebookAsync(NotebookJob notebook)
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        using var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        csharp.AddAssemblyReferences(LibraryAssemblies.Select(a => Path.Combine(AppContext.BaseDirectory, a)).Where(File.Exists));
        await SubmitAsync(kernel, Helper);
        var captureProblems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
        {
            Emit(ChildEvents.CellStart, notebook.Name, cell.Number);
            var code = PackageDirectives.Rewrite(cell.Code, LibraryAssemblies);
            IReadOnlyList<string> errors = cell.IsSetup ? [.. await SetupAsync(kernel), .. await SubmitAsync(kernel, code)] : await SubmitAsync(kernel, code);
            if (cell.Capture is { } exercise && await SubmitAsync(kernel, $"var {AnswerVariable(exercise)} = __MlcAnswerOf({exercise.Receiver}, ({exercise.Answer}));") is { Count: > 0 } problems)
            {
                captureProblems[exercise.Id] = string.Join("\n", problems);
            }

            emit(new ChildEvent(job.Token, ChildEvents.CellEnd, notebook.Name, cell.Number, null, errors, null, null));
        }
        foreach (var exercise in notebook.Exercises)
        {
            emit(new ChildEvent(job.Token, ChildEvents.ExerciseStart, notebook.Name, 0, exercise.Id, null, null, null));
            var (observations, problem) = captureProblems.TryGetValue(exercise.Id, out var captureProblem)
                ? (null, captureProblem)
                : await ObserveAsync(kernel, csharp, exercise);
            emit(new ChildEvent(job.Token, ChildEvents.ExerciseEnd, notebook.Name, 0, exercise.Id, null, observations, problem));
        }

        Emit(ChildEvents.NotebookEnd, notebook.Name);
    }

    private async Task<IReadOnlyList<string>> SetupAsync(Kernel kernel)
    {
        // What setup.csx does, with this process's own TorchSharp and course library instead of the learner's paths.
        var errors = await SubmitAsync(kernel, job.SetupLibraryCode);
        return [.. errors.Select(e => "grader set-up (setup-library.csx): " + e)];
    }

    private static async Task<(IReadOnlyList<string>? Observations, string? Problem)> ObserveAsync(Kernel kernel, CSharpKernel csharp, ExerciseJob exercise)
    {
        var cases = Convert.ToBase64String(Encoding.UTF8.GetBytes(ChildEvents.Serialize(exercise.Cases)));
        var code = $$"""
            var __mlcObservations = new System.Collections.Generic.List<string>();
            {
                var __mlcCases = System.Text.Json.JsonSerializer.Deserialize<string[]>(System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String("{{cases}}")))!;
                var __mlcExercise = {{exercise.Receiver}};
                var __mlcAnswer = {{AnswerVariable(exercise)}};
                foreach (var __mlcCase in __mlcCases)
                {
                    __mlcObservations.Add(__mlcExercise.ObserveJson(__mlcAnswer, __mlcCase));
                }
            }
            """;
        var errors = await SubmitAsync(kernel, code);
        if (errors.Count > 0)
        {
            return (null, string.Join("\n", errors));
        }

        return csharp.TryGetValue<List<string>>("__mlcObservations", out var observations) && observations.Count == exercise.Cases.Count
            ? (observations, null)
            : (null, "the grader could not read the observations back from the kernel");
    }

    /// <summary>The kernel variable that holds an exercise's captured answer.</summary>
    private static string AnswerVariable(ExerciseJob exercise) => "__mlcAnswer_" + exercise.Id.Replace('.', '_');

    private static async Task<IReadOnlyList<string>> SubmitAsync(Kernel kernel, string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return [];
        }

        try
        {
            var result = await kernel.SendAsync(new SubmitCode(code));
            return [.. result.Events.OfType<CommandFailed>().Select(f => f.Message)];
        }
#pragma warning disable CA1031 // A learner's cell can fail in any way; it is reported, and the next cell runs.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [$"{e.GetType().Name}: {e.Message}"];
        }
    }

    private void Emit(string kind, string notebook, int cell = 0) => emit(new ChildEvent(job.Token, kind, notebook, cell, null, null, null, null));
}
