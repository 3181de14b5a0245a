using System.Linq.Expressions;
using System.Reflection;
using MultiLabel.Exercises;

namespace MultiLabel.Grading.Child;

/// <summary>
/// Takes the model answers out of reach of the learner's code in this process: before any cell runs, every exercise's
/// <c>ModelAnswer</c> is replaced by a delegate that throws "not available while grading" and its
/// <c>SolutionCode</c> by a notice, through their backing fields, generically for every exercise in the catalog (lessons
/// added later included). The parent computes the reference observations itself, so nothing here needs them; a learner
/// who reaches the library by reflection gets the exception, not an answer.
/// </summary>
internal static class AnswerSeal
{
    /// <summary>The message of the delegate that replaces each model answer.</summary>
    public const string Message = "The model answers are not available while grading.";

    /// <summary>Seals every exercise of the catalog; returns how many.</summary>
    public static int Apply()
    {
        int sealedCount = 0;
        foreach (var exercise in ExerciseCatalog.All)
        {
            SetBackingField(exercise, "SolutionCode", "// " + Message);
            for (var type = exercise.GetType(); type is not null; type = type.BaseType)
            {
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Exercise<,,>))
                {
                    SetBackingField(exercise, "ModelAnswer", Throwing(type.GetGenericArguments()[0]));
                    sealedCount++;
                    break;
                }
            }
        }

        return sealedCount;
    }

    private static Delegate Throwing(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var body = Expression.Throw(Expression.New(typeof(InvalidOperationException).GetConstructor([typeof(string)])!, Expression.Constant(Message)), invoke.ReturnType);
        return Expression.Lambda(delegateType, body, parameters).Compile();
    }

    private static void SetBackingField(object target, string property, object value)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            var field = type.GetField($"<{property}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            if (field is not null)
            {
                field.SetValue(target, value);
                return;
            }
        }

        throw new InvalidOperationException($"{target.GetType().Name} has no auto-property {property} to seal.");
    }
}
