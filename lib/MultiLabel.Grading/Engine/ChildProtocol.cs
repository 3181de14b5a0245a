using System.Text.Json;

namespace MultiLabel.Grading.Engine;

/// <summary>
/// What the grading parent asks the child to do: one line of JSON on the child's stdin. The child answers with one
/// <see cref="ChildEvent"/> per line on its stdout (the learner's own console output goes to stderr), each carrying
/// <see cref="Token"/>, so a line the learner's code prints cannot pass for the grader's.
/// </summary>
/// <param name="Token">A random token the parent chose; every event repeats it.</param>
/// <param name="SetupLibraryCode">notebooks/setup-library.csx of the course (not the learner's copy).</param>
/// <param name="Notebooks">The notebooks to run, in order.</param>
public sealed record ChildJob(string Token, string SetupLibraryCode, IReadOnlyList<NotebookJob> Notebooks);

/// <summary>One notebook for the child: its code cells in the learner's order, then the exercises to observe.</summary>
/// <param name="Name">The notebook's name, e.g. "02-tensors".</param>
/// <param name="Cells">The code cells to run (cells that hung or crashed a child before are left out).</param>
/// <param name="Exercises">The exercises to observe once the cells have run.</param>
public sealed record NotebookJob(string Name, IReadOnlyList<CellJob> Cells, IReadOnlyList<ExerciseJob> Exercises);

/// <summary>One code cell.</summary>
/// <param name="Number">1-based among the notebook's code cells.</param>
/// <param name="Code">The learner's code; the set-up cell (<c>#!import setup.csx</c>) is replaced by the grader's own set-up.</param>
/// <param name="IsSetup">True for the set-up cell.</param>
/// <param name="Capture">For the cell of an exercise the child observes: that exercise, whose answer it captures right after the cell
/// (so a later cell that declares another function of the same name cannot change what is graded); else null.</param>
public sealed record CellJob(int Number, string Code, bool IsSetup, ExerciseJob? Capture = null);

/// <summary>One exercise to observe: its function, taken from the course's cell, and the cases (JSON).</summary>
/// <param name="Id">"NN.k".</param>
/// <param name="Receiver">The exercise object's expression in the course's check line, e.g. <c>Lesson02.ToChw</c>.</param>
/// <param name="Answer">The answer's expression in that line, e.g. <c>ToChw</c>.</param>
/// <param name="Cases">The cases, each as <see cref="MultiLabel.Exercises.Exercise.CasesJson"/> writes it.</param>
public sealed record ExerciseJob(string Id, string Receiver, string Answer, IReadOnlyList<string> Cases);

/// <summary>One line the child writes.</summary>
/// <param name="Token">The job's token.</param>
/// <param name="Kind">One of the <see cref="ChildEvents"/> kinds.</param>
/// <param name="Notebook">The notebook's name (empty for ready/done).</param>
/// <param name="Cell">The cell number (cell events), else 0.</param>
/// <param name="ExerciseId">The exercise (exercise events), else null.</param>
/// <param name="Errors">A cell's errors (compiler or exception text); empty when it ran.</param>
/// <param name="Observations">An exercise's observations, one per case, in order.</param>
/// <param name="Problem">Why an exercise could not be observed (e.g. its function does not compile), else null.</param>
public sealed record ChildEvent(string Token, string Kind, string Notebook, int Cell, string? ExerciseId,
    IReadOnlyList<string>? Errors, IReadOnlyList<string>? Observations, string? Problem);

/// <summary>The kinds of <see cref="ChildEvent"/> and their JSON form.</summary>
public static class ChildEvents
{
    /// <summary>The child is up: libtorch and the kernel are loaded.</summary>
    public const string Ready = "ready";

    /// <summary>A cell starts.</summary>
    public const string CellStart = "cell-start";

    /// <summary>A cell ended (with or without errors).</summary>
    public const string CellEnd = "cell-end";

    /// <summary>An exercise's observation starts.</summary>
    public const string ExerciseStart = "exercise-start";

    /// <summary>An exercise's observations (or its problem).</summary>
    public const string ExerciseEnd = "exercise-end";

    /// <summary>Every exercise of a notebook was observed.</summary>
    public const string NotebookEnd = "notebook-end";

    /// <summary>The whole job is done.</summary>
    public const string Done = "done";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>One line of JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads one line of JSON.</summary>
    public static T Deserialize<T>(string line) => JsonSerializer.Deserialize<T>(line, Options) ?? throw new JsonException("null");
}
