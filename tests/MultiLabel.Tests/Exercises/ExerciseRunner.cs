using System.Linq.Expressions;
using System.Reflection;
using MultiLabel.Exercises;

namespace MultiLabel.Tests.Exercises;

/// <summary>Generic handles on any exercise: its model answer and an answer that throws.</summary>
internal static class ExerciseRunner
{
    public static TheoryData<string> Ids => [.. ExerciseCatalog.All.Select(e => e.Id)];

    public static Delegate ModelAnswer(Exercise exercise) =>
        (Delegate)exercise.GetType().GetProperty("ModelAnswer", BindingFlags.Public | BindingFlags.Instance)!.GetValue(exercise)!;

    /// <summary>A delegate of the exercise's answer type that throws <paramref name="exception"/>.</summary>
    public static Delegate Throwing(Exercise exercise, Exception exception)
    {
        var invoke = exercise.AnswerType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        return Expression.Lambda(exercise.AnswerType, Expression.Throw(Expression.Constant(exception), invoke.ReturnType), parameters).Compile();
    }

    /// <summary>Asserts that <paramref name="result"/> failed with a message that contains <paramref name="fragment"/>.</summary>
    public static void Rejected(CheckResult result, string fragment)
    {
        Assert.True(result.Status == CheckStatus.Failed, $"expected a failure mentioning '{fragment}', got {result.Status}: {result.Message}");
        Assert.True(result.Message.Contains(fragment, StringComparison.Ordinal), $"expected a message mentioning '{fragment}', got: {result.Message}");
    }
}
