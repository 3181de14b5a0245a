using System.Text.Json.Serialization;

namespace MultiLabel.Grading.Engine;

/// <summary>The outcome of one exercise, as the JSON report spells it.</summary>
public static class GradeStatus
{
    /// <summary>Right on every case.</summary>
    public const string Passed = "passed";

    /// <summary>Wrong on a case, threw, or not allowed.</summary>
    public const string Failed = "failed";

    /// <summary>Still <c>throw new NotImplementedException();</c>.</summary>
    public const string NotAttempted = "not_attempted";

    /// <summary>Its cell or its cases ran past their time budget.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>Its cell (or its function) does not compile.</summary>
    public const string CompileError = "compile_error";

    /// <summary>The process died (a native abort, a stack overflow, memory over the cap) while it ran.</summary>
    public const string Crashed = "crashed";

    /// <summary>No cell holds it, or its notebook is missing or not valid JSON.</summary>
    public const string NotFound = "not_found";

    /// <summary>Every status, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Passed, Failed, NotAttempted, TimedOut, CompileError, Crashed, NotFound];
}

/// <summary>One exercise's grade.</summary>
/// <param name="Notebook">e.g. "02-tensors".</param>
/// <param name="Id">e.g. "02.1".</param>
/// <param name="Points">What it is worth.</param>
/// <param name="Earned">Points earned: all of them when passed, else 0.</param>
/// <param name="Status">One of <see cref="GradeStatus"/>.</param>
/// <param name="Message">The feedback: the same words as the notebook's check; never a hidden input or an expected value.</param>
/// <param name="Seconds">Time spent in its cell and its cases.</param>
public sealed record ExerciseGrade(
    [property: JsonPropertyName("notebook")] string Notebook,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("earned")] int Earned,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>A submission's grade.</summary>
/// <param name="Score">Points earned.</param>
/// <param name="Total">Points possible.</param>
/// <param name="Exercises">Every exercise, in course order.</param>
public sealed record GradeReport(
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("exercises")] IReadOnlyList<ExerciseGrade> Exercises)
{
    /// <summary>The report of <paramref name="exercises"/>.</summary>
    public static GradeReport Of(IReadOnlyList<ExerciseGrade> exercises)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        return new GradeReport(exercises.Sum(e => e.Earned), exercises.Sum(e => e.Points), exercises);
    }
}
