namespace MultiLabel.Registries;

/// <summary>What every <see cref="Registry{TEntry}"/> offers without its entry type: for help text and validation.</summary>
public interface IRegistry
{
    /// <summary>What an entry is ("model", "loss", ...).</summary>
    string Kind { get; }

    /// <summary>The names, the default first.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The names as a sentence: "a, b or c".</summary>
    string Choices { get; }

    /// <summary>True when <paramref name="name"/> names an entry (case and surrounding spaces ignored, aliases too).</summary>
    bool Contains(string? name);

    /// <summary>The canonical name of the entry <paramref name="name"/> names (e.g. "onecycle" for "OneCycle"), or null when none does.</summary>
    string? Resolve(string? name);

    /// <summary>Help text: each name with its description, the default marked.</summary>
    string Help();
}
