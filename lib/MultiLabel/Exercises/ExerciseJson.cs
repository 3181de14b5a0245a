using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiLabel.Exercises;

/// <summary>
/// The JSON form of cases and observations (System.Text.Json; NaN and infinities are written as "NaN",
/// "Infinity", "-Infinity"), the wire format between a grading parent and the process that runs the learner's code.
/// </summary>
public static class ExerciseJson
{
    /// <summary>The serializer options every exercise uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Writes <paramref name="value"/> as JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a value written by <see cref="Serialize{T}"/>.</summary>
    /// <exception cref="JsonException">The text is not such a value.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"'null' is not a {typeof(T).Name}.");
}
