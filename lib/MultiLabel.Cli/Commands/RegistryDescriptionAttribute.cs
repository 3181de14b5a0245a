using System.ComponentModel;
using System.Reflection;
using MultiLabel.Registries;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// The help text of an option whose values are a registry's entries (models, losses, datasets, ...): a lead-in
/// followed by every entry's name and description, read from the registry when help is shown, so the help can
/// never list a choice the registry lacks.
/// </summary>
/// <param name="owner">The type that holds the registry as a static property.</param>
/// <param name="property">The name of that property.</param>
/// <param name="lead">What the option is, e.g. "Network".</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RegistryDescriptionAttribute(Type owner, string property, string lead) : DescriptionAttribute
{
    /// <summary>The registry the option's values come from.</summary>
    public IRegistry Registry =>
        owner.GetProperty(property, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IRegistry
        ?? throw new InvalidOperationException($"{owner.Name}.{property} is not a registry.");

    /// <inheritdoc />
    public override string Description => $"{lead}: {Registry.Help()}.";
}
