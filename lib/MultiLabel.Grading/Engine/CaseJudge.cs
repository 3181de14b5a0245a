using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiLabel.Exercises;

namespace MultiLabel.Grading.Engine;

/// <summary>
/// Judges the learner's observations in the parent, with the exercise's own engine: the reference observation of each
/// case is the model answer observed here (<see cref="Exercise.ObserveReferenceJson"/>), each case is judged by
/// <see cref="Exercise.JudgeJson"/>, and the words are those of the notebook's check (<c>Case k of n: description</c>,
/// never an input or an expected value).
/// </summary>
internal static partial class CaseJudge
{
    public static ExerciseGrade Judge(PlannedExercise planned, IReadOnlyList<string> observations)
    {
        var exercise = planned.Exercise;
        var cases = planned.Job!.Cases;
        if (observations.Count != cases.Count)
        {
            return planned.Final(GradeStatus.Crashed, "The grader's child returned a wrong number of observations.");
        }

        if (observations.Any(ThrewNotImplemented))
        {
            return planned.Final(GradeStatus.NotAttempted, "Not attempted: the function still throws NotImplementedException.");
        }

        for (int i = 0; i < cases.Count; i++)
        {
            string? message;
            try
            {
                message = exercise.JudgeJson(cases[i], observations[i], exercise.ObserveReferenceJson(cases[i]));
            }
            catch (JsonException)
            {
                message = "The observation of your function could not be read (did it print or return something unusual?).";
            }

            if (message is not null)
            {
                return planned.Final(GradeStatus.Failed, string.Create(CultureInfo.InvariantCulture,
                    $"{message} (Case {i + 1} of {cases.Count}: {Description(cases[i])}.)"));
            }
        }

        return planned.Final(GradeStatus.Passed, string.Create(CultureInfo.InvariantCulture,
            $"Right on all {cases.Count} cases: the notebook's example and the generated ones."));
    }

    /// <summary>True for a compiler error's text (<c>(3,5): error CS0103: ...</c>).</summary>
    public static bool IsCompileError(string error) => CompilerError().IsMatch(error);

    private static bool ThrewNotImplemented(string observation)
    {
        try
        {
            using var document = JsonDocument.Parse(observation);
            return document.RootElement.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("Type", out var type) && type.GetString() == AnswerError.NotImplemented;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Description(string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        return document.RootElement.TryGetProperty("Description", out var d) ? d.GetString() ?? "a case" : "a case";
    }

    [GeneratedRegex(@"\(\d+,\d+\): error [A-Z]+\d+")]
    private static partial Regex CompilerError();
}
