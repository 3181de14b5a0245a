using System.Text.Json.Serialization;

namespace MultiLabel.Training;

/// <summary>The headline test metrics written to summary.json.</summary>
public sealed record TestMetrics(
    [property: JsonPropertyName("f1_micro")] double F1Micro,
    [property: JsonPropertyName("f1_macro")] double F1Macro,
    [property: JsonPropertyName("hamming_loss")] double HammingLoss,
    [property: JsonPropertyName("subset_accuracy")] double SubsetAccuracy);

/// <summary>
/// summary.json of a run: <c>{"test": {...}, "seconds": .., "device": .., ...}</c>. The first three keys are the
/// contract other tools read; the rest describes the run.
/// </summary>
public sealed record RunSummary(
    [property: JsonPropertyName("test")] TestMetrics Test,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("threshold")] double Threshold);
