using System.Text.Json.Serialization;

namespace MultiLabel.Diagnostics;

/// <summary>How a <see cref="HealthCheck"/> came out.</summary>
[JsonConverter(typeof(HealthStatusJsonConverter))]
public enum HealthStatus
{
    /// <summary>Fine.</summary>
    Ok,

    /// <summary>A fact, neither good nor bad (e.g. the CPU backend is in use).</summary>
    Info,

    /// <summary>An optional part is missing (e.g. a dataset not downloaded yet); the course still works.</summary>
    Warning,

    /// <summary>Something the course needs is broken; <see cref="HealthCheck.Fix"/> says what to do.</summary>
    Failed,
}

/// <summary>One line of <c>mlc doctor</c>: what was checked, how it came out, what was found, and the fix when it is not fine.</summary>
/// <param name="Name">What was checked ("libstdc++", "CUDA devices", ...).</param>
/// <param name="Status">How it came out.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do about it (null when nothing needs doing).</param>
public sealed record HealthCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] HealthStatus Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("fix")] string? Fix = null);

/// <summary>Every check of one <see cref="Doctor.Run"/>.</summary>
/// <param name="Checks">The checks, in the order they ran.</param>
public sealed record HealthReport([property: JsonPropertyName("checks")] IReadOnlyList<HealthCheck> Checks)
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>True when no check failed (warnings and facts allowed): <c>mlc doctor</c> exits 0.</summary>
    [JsonPropertyName("healthy")]
    public bool Healthy => Checks.All(c => c.Status != HealthStatus.Failed);

    /// <summary>The report as one JSON object: <c>{"healthy": ..., "checks": [{"name", "status", "detail", "fix"}]}</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Indented);
}

/// <summary>Writes <see cref="HealthStatus"/> in lower case ("ok", "info", "warning", "failed").</summary>
public sealed class HealthStatusJsonConverter : JsonStringEnumConverter<HealthStatus>
{
    /// <summary>Creates the converter.</summary>
    public HealthStatusJsonConverter()
        : base(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)
    {
    }
}
