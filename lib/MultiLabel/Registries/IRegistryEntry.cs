namespace MultiLabel.Registries;

/// <summary>One named choice of a <see cref="Registry{TEntry}"/>: a model, a loss, a dataset, a schedule, a metric.</summary>
public interface IRegistryEntry
{
    /// <summary>The name users type (<c>--model small-cnn</c>) and run files store.</summary>
    string Name { get; }

    /// <summary>One line that says what the choice is, for help text and listings.</summary>
    string Description { get; }

    /// <summary>Other spellings accepted when reading (e.g. the names older run files used); never shown.</summary>
    IReadOnlyList<string> Aliases { get; }
}
