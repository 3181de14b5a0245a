using System.Reflection;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// Maps the library's option names (the properties of <see cref="TrainingRecipe"/> and <see cref="MachineOptions"/>)
/// to the command line's flags, read from the <c>[CommandOption]</c> of the settings property with the same name,
/// so a problem the library finds prints as "--epochs must be at least 1 (got 0)." Validation lives in the library;
/// this is only its translation.
/// </summary>
internal static class OptionFlags
{
    private static readonly Lazy<Dictionary<string, string>> Flags = new(() => Read(typeof(TrainSettings)));

    /// <summary>The flag of a recipe or machine property (e.g. "--lr" for LearningRate); the property name when no option has it.</summary>
    public static string Of(string property) => Flags.Value.TryGetValue(property, out var flag) ? flag : property;

    /// <summary>A library problem as the command line says it: its flag, then the message.</summary>
    public static string Describe(RecipeProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"{Of(problem.Property)} {problem.Message}";
    }

    /// <summary>The settings' validation result for the first of <paramref name="problems"/>.</summary>
    public static ValidationResult Check(IEnumerable<RecipeProblem> problems) =>
        problems.FirstOrDefault() is { } first ? ValidationResult.Error(Describe(first)) : ValidationResult.Success();

    /// <summary>Property name to long flag, for every [CommandOption] of a settings type (inherited ones too).</summary>
    internal static Dictionary<string, string> Read(Type settings)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is { LongNames: [var name, ..] })
            {
                flags[property.Name] = "--" + name;
            }
        }

        return flags;
    }
}
