using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// The folder a training run writes, and the only type that knows its file names: it writes each file atomically
/// (so a crash never leaves half a file) and reads back what it wrote: the recipe (config.json), labels, tuned
/// thresholds, summary, history, model weights, checkpoint; the evaluation files (predictions.csv, report.html,
/// thumbnails/) are written by <see cref="Reports.RunReport"/> at the paths named here.
/// </summary>
public sealed class RunDirectory
{
    /// <summary>File name of the best epoch's model weights (TorchSharp format).</summary>
    public const string ModelFile = "model.bin";

    /// <summary>File name of the full training state after the last finished epoch (see <see cref="Checkpoint"/>).</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>File name of the recipe a run was started with (read by resume, predict and <see cref="TrainedRun"/>).</summary>
    public const string ConfigFile = "config.json";

    /// <summary>File name of the summary.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>File name of the history as CSV.</summary>
    public const string HistoryCsvFile = "history.csv";

    /// <summary>File name of the history as JSON.</summary>
    public const string HistoryJsonFile = "history.json";

    /// <summary>File name of the label names, one per line in column order.</summary>
    public const string LabelsFile = "labels.txt";

    /// <summary>File name of the per-label thresholds chosen on the validation split (recipe's TuneThresholds).</summary>
    public const string ThresholdsFile = "thresholds.json";

    /// <summary>File name of the test split's targets and probabilities (see <see cref="Metrics.PredictionsFile"/>).</summary>
    public const string PredictionsFile = "predictions.csv";

    /// <summary>File name of the HTML evaluation report.</summary>
    public const string ReportFile = "report.html";

    /// <summary>Folder name of the thumbnails the report shows.</summary>
    public const string ThumbnailsFolder = "thumbnails";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static readonly JsonSerializerOptions RecipeJson = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private RunDirectory(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The marker a new run leaves in its folder (<see cref="ClaimNew"/>) so that no other run takes it.</summary>
    public const string ClaimFile = ".mlc-run";

    /// <summary>The per-label thresholds files a run folder may hold, in order of preference (a hand-made CSV first).</summary>
    public static IReadOnlyList<string> ThresholdsFiles { get; } = ["thresholds.csv", ThresholdsFile];

    /// <summary>The default folder for a new run: runs/yyyyMMdd-HHmmss under <paramref name="root"/>.</summary>
    public static string DefaultPath(string root, DateTime now) =>
        System.IO.Path.Combine(root, "runs", now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>
    /// Claims a new, unused run folder under <paramref name="root"/>: <see cref="DefaultPath"/>, or with "-2", "-3", ...
    /// when another run (another process started in the same second) already has it. The claim is a marker file
    /// created with <see cref="FileMode.CreateNew"/>, which only one process can win, so concurrent runs writing to
    /// the same parent never share a folder.
    /// </summary>
    /// <exception cref="IOException">The parent cannot be written; the message names it.</exception>
    public static RunDirectory ClaimNew(string root, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var basePath = DefaultPath(root, now);
        for (int attempt = 1; attempt <= 10_000; attempt++)
        {
            var candidate = attempt == 1 ? basePath : string.Create(CultureInfo.InvariantCulture, $"{basePath}-{attempt}");
            var run = Create(candidate);
            try
            {
                using (new FileStream(System.IO.Path.Combine(run.Path, ClaimFile), FileMode.CreateNew, FileAccess.Write))
                {
                }

                return run;
            }
            catch (IOException) when (File.Exists(System.IO.Path.Combine(run.Path, ClaimFile)))
            {
                // Another run claimed this folder first: try the next name.
            }
        }

        throw new IOException($"No free run folder name under {System.IO.Path.GetDirectoryName(basePath)} after 10,000 tries.");
    }

    /// <summary>
    /// Creates (or opens) the folder and proves it is writable by writing and deleting a probe file, so that a bad
    /// output folder fails before any training time is spent.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be created or written; the message names it.</exception>
    public static RunDirectory Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            if (File.Exists(full))
            {
                throw new IOException($"'{full}' is a file, not a folder.");
            }

            Directory.CreateDirectory(full);
            var probe = System.IO.Path.Combine(full, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or NotSupportedException)
        {
            throw new IOException($"Cannot write the run folder '{full}': {ex.Message}", ex);
        }

        return new RunDirectory(full);
    }

    /// <summary>Opens an existing run folder for reading.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static RunDirectory Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        return Directory.Exists(full) ? new RunDirectory(full) : throw new DirectoryNotFoundException($"Run folder '{path}' does not exist.");
    }

    /// <summary>The full path of a file in the run folder.</summary>
    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>True when the folder holds a checkpoint to resume from.</summary>
    public bool HasCheckpoint => File.Exists(FilePath(CheckpointFile));

    /// <summary>Writes config.json.</summary>
    public void WriteRecipe(TrainingRecipe recipe)
    {
        WriteRecipeFile(FilePath(ConfigFile), recipe);
    }

    /// <summary>Reads config.json (also those of earlier versions, whose names were spelled as enums, e.g. "OneCycle").</summary>
    /// <exception cref="InvalidDataException">The file is missing, unreadable or invalid; the message names it.</exception>
    public TrainingRecipe ReadRecipe()
    {
        var path = FilePath(ConfigFile);
        return File.Exists(path)
            ? ReadRecipeFile(path)
            : throw new InvalidDataException($"'{Path}' is not a run folder of mlc train: {ConfigFile} is missing.");
    }

    /// <summary>Reads a recipe file: a run's config.json, or one written by <see cref="WriteRecipeFile"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing, unreadable or invalid; the message names it.</exception>
    public static TrainingRecipe ReadRecipeFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Recipe file '{path}' does not exist.");
        }

        TrainingRecipe recipe;
        try
        {
            recipe = JsonSerializer.Deserialize<TrainingRecipe>(File.ReadAllText(path), RecipeJson)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid run configuration: {ex.Message}", ex);
        }

        if (recipe.Problems() is [var problem, ..])
        {
            throw new InvalidDataException($"{path} is not a valid run configuration: {problem}");
        }

        return recipe.Canonical();
    }

    /// <summary>Writes a recipe to a file of its own (atomically), in the format of config.json.</summary>
    public static void WriteRecipeFile(string path, TrainingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(recipe);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(recipe, RecipeJson));
    }

    /// <summary>Saves the model weights atomically (the best epoch's: <see cref="ModelFile"/>).</summary>
    public void SaveModel(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        AtomicFile.Write(FilePath(ModelFile), temp => module.save(temp));
    }

    /// <summary>Loads <see cref="ModelFile"/> into a model of the run's architecture.</summary>
    /// <exception cref="InvalidDataException">The file is missing or does not fit the model; the message names it.</exception>
    public void LoadModel(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var path = Require(ModelFile, "the run has not finished an epoch");
        try
        {
            module.load(path, strict: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{path} does not fit the run's model: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the label names.</summary>
    public void WriteLabels(IEnumerable<string> names) => AtomicFile.WriteAllText(FilePath(LabelsFile), string.Join('\n', names) + "\n");

    /// <summary>Reads the label names.</summary>
    /// <exception cref="InvalidDataException">The file is missing or empty.</exception>
    public IReadOnlyList<string> ReadLabels()
    {
        var labels = File.ReadAllLines(Require(LabelsFile, "the run has not finished")).Where(l => l.Length > 0).ToArray();
        return labels.Length > 0 ? labels : throw new InvalidDataException($"{FilePath(LabelsFile)} names no label.");
    }

    /// <summary>Writes the tuned thresholds (<see cref="ThresholdsFile"/>).</summary>
    public void WriteThresholds(TunedThresholds tuned) => Metrics.ThresholdsFile.Write(FilePath(ThresholdsFile), tuned);

    /// <summary>
    /// The thresholds a finished run predicts with: its per-label thresholds file if it has one
    /// (<see cref="ThresholdsFiles"/>), else the global threshold of its summary, else <see cref="Thresholds.Default"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A thresholds file is malformed or names other labels.</exception>
    public Thresholds ReadThresholds(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var file = ThresholdsFiles.Select(FilePath).FirstOrDefault(File.Exists);
        if (file is not null)
        {
            return Metrics.ThresholdsFile.Read(file, labels);
        }

        return TryReadSummary()?.Threshold is { } global ? Thresholds.Global(global) : Thresholds.Default;
    }

    /// <summary>Writes history.csv and history.json.</summary>
    public void WriteHistory(IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var csv = new StringBuilder("epoch,train_loss,val_loss,val_f1_micro,val_f1_macro,val_hamming_loss,lr,images_per_second,seconds,val_subset_accuracy,is_best\n");
        foreach (var r in history)
        {
            csv.AppendLine(string.Join(',', new object[]
            {
                r.Epoch, r.TrainLoss, r.ValLoss, r.ValF1Micro, r.ValF1Macro, r.ValHammingLoss, r.LearningRate, r.ImagesPerSecond, r.Seconds,
                r.ValSubsetAccuracy, r.IsBest ? 1 : 0,
            }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        AtomicFile.WriteAllText(FilePath(HistoryCsvFile), csv.ToString());
        AtomicFile.WriteAllText(FilePath(HistoryJsonFile), JsonSerializer.Serialize(history, Json));
    }

    /// <summary>Reads history.json back.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public IReadOnlyList<EpochRecord> ReadHistory() => ReadJson<List<EpochRecord>>(HistoryJsonFile, "the run has not finished an epoch");

    /// <summary>Writes summary.json.</summary>
    public void WriteSummary(RunSummary summary) => AtomicFile.WriteAllText(FilePath(SummaryFile), JsonSerializer.Serialize(summary, Json));

    /// <summary>Reads summary.json back.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    public RunSummary ReadSummary() => ReadJson<RunSummary>(SummaryFile, "the run has not finished");

    /// <summary>summary.json, or null when it is missing or unreadable (a report can do without it).</summary>
    public RunSummary? TryReadSummary()
    {
        try
        {
            return File.Exists(FilePath(SummaryFile)) ? ReadSummary() : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private T ReadJson<T>(string name, string whyMissing)
        where T : class
    {
        var path = Require(name, whyMissing);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is malformed: {ex.Message}", ex);
        }
    }

    private string Require(string name, string whyMissing)
    {
        var path = FilePath(name);
        return File.Exists(path) ? path : throw new InvalidDataException($"'{path}' is missing: {whyMissing}.");
    }
}
