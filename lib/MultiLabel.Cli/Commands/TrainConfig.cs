using System.Text.Json;
using System.Text.Json.Serialization;
using MultiLabel.Data;
using MultiLabel.Losses;
using MultiLabel.Training;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// The settings that define a training run, saved as config.json in the run folder: <c>--resume</c> continues with
/// them and <c>mlc predict</c> rebuilds the model from them. Defaults are the tuned defaults of <c>mlc train</c>.
/// </summary>
public sealed record TrainConfig(
    string Data,
    string? DataDir,
    string? Labels,
    int? Count,
    int? ImageSize,
    BadImagePolicy OnBadImage,
    bool DropDifficult,
    string Augment,
    string Model,
    string? Weights,
    bool FreezeBackbone,
    double BackboneLrFactor,
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    ScheduleKind Schedule,
    LossKind Loss,
    bool PosWeight,
    double ClipGrad,
    int Patience,
    MonitorMetric Monitor,
    long Seed,
    bool TuneThresholds,
    int Width,
    int Depth,
    double Dropout)
{
    /// <summary>Default epochs.</summary>
    public const int DefaultEpochs = 20;

    /// <summary>Default batch size.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Default peak learning rate.</summary>
    public const double DefaultLearningRate = 3e-3;

    /// <summary>Default AdamW weight decay.</summary>
    public const double DefaultWeightDecay = 1e-4;

    /// <summary>Default gradient clipping norm.</summary>
    public const double DefaultClipGrad = 5.0;

    /// <summary>Default small-cnn width.</summary>
    public const int DefaultWidth = 16;

    /// <summary>Default small-cnn depth.</summary>
    public const int DefaultDepth = 4;

    /// <summary>Default small-cnn dropout.</summary>
    public const double DefaultDropout = 0.2;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Where the run's data comes from; the cache folder and offline mode are the machine's, not the run's.</summary>
    public DataSourceOptions ToDataSourceOptions(string? cacheDirectory, bool offline) =>
        new(Data, DataDir, Labels, Count, ImageSize, OnBadImage, cacheDirectory, DropDifficult, offline);

    /// <summary>Serialises the configuration.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads config.json of a run folder.</summary>
    /// <exception cref="UsageException">The file is missing or unreadable; the message names it.</exception>
    public static TrainConfig Read(string runFolder)
    {
        var path = Path.Combine(runFolder, RunDirectory.ConfigFile);
        if (!File.Exists(path))
        {
            throw new UsageException($"'{runFolder}' is not a run folder of mlc train: {RunDirectory.ConfigFile} is missing.");
        }

        try
        {
            return JsonSerializer.Deserialize<TrainConfig>(File.ReadAllText(path), Json)
                ?? throw new UsageException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path} is not a valid run configuration: {ex.Message}", ex);
        }
    }
}
