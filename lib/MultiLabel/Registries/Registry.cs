using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MultiLabel.Registries;

/// <summary>
/// The choices of one kind (models, losses, datasets, schedules, monitored metrics) as a list of entries, each with
/// its name, description and factory: the command line derives its choices, help text, validation and parsing from
/// it, so adding a model is adding one entry. Names are matched without regard to case and surrounding spaces,
/// aliases too. The first entry is the default.
/// </summary>
/// <typeparam name="TEntry">The entry type.</typeparam>
public sealed class Registry<TEntry> : IReadOnlyList<TEntry>, IRegistry
    where TEntry : class, IRegistryEntry
{
    private readonly TEntry[] entries;
    private readonly Dictionary<string, TEntry> byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry.</summary>
    /// <param name="kind">What an entry is, for messages: "model", "loss", "dataset".</param>
    /// <param name="entries">The entries, the default first.</param>
    /// <exception cref="ArgumentException">No entry, or two entries share a name or alias.</exception>
    public Registry(string kind, IEnumerable<TEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(entries);
        Kind = kind;
        this.entries = [.. entries];
        if (this.entries.Length == 0)
        {
            throw new ArgumentException($"A {kind} registry needs at least one entry.", nameof(entries));
        }

        foreach (var entry in this.entries)
        {
            foreach (var name in entry.Aliases.Prepend(entry.Name))
            {
                if (!byName.TryAdd(name.Trim(), entry))
                {
                    throw new ArgumentException($"Two {kind} entries are called '{name}'.", nameof(entries));
                }
            }
        }

        Names = this.entries.Select(e => e.Name).ToArray();
    }

    /// <summary>What an entry is ("model", "loss", ...).</summary>
    public string Kind { get; }

    /// <summary>The names, the default first.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The default entry (the first).</summary>
    public TEntry Default => entries[0];

    /// <inheritdoc />
    public int Count => entries.Length;

    /// <inheritdoc />
    public string Choices => Names.Count == 1 ? Names[0] : string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    /// <inheritdoc />
    public TEntry this[int index] => entries[index];

    /// <summary>Finds an entry by name or alias (case and surrounding spaces ignored).</summary>
    public bool TryGet(string? name, [NotNullWhen(true)] out TEntry? entry)
    {
        entry = null;
        return name is not null && byName.TryGetValue(name.Trim(), out entry);
    }

    /// <inheritdoc />
    public bool Contains(string? name) => TryGet(name, out _);

    /// <inheritdoc />
    public string? Resolve(string? name) => TryGet(name, out var entry) ? entry.Name : null;

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No entry has that name; the message lists the known ones.</exception>
    public TEntry Get(string name) =>
        TryGet(name, out var entry) ? entry : throw new ArgumentException(UnknownMessage(name), nameof(name));

    /// <summary>"Unknown model 'x'; known: a, b, c.": the message for a name that is not known.</summary>
    public string UnknownMessage(string? name) => $"Unknown {Kind} '{name}'; known: {string.Join(", ", Names)}.";

    /// <inheritdoc />
    public string Help() => string.Join("; ", entries.Select((e, i) => $"{e.Name}{(i == 0 ? " (default)" : "")}: {e.Description}"));

    /// <inheritdoc />
    public IEnumerator<TEntry> GetEnumerator() => ((IEnumerable<TEntry>)entries).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => entries.GetEnumerator();
}
