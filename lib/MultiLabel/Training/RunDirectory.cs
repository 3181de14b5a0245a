using System.Globalization;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// The folder a training run writes: summary.json, the model checkpoint, the per-epoch history (CSV and JSON)
/// and the label names. Every file is written atomically, so a crash never leaves half a file.
/// </summary>
public sealed class RunDirectory
{
    /// <summary>File name of the best epoch's model weights (TorchSharp format).</summary>
    public const string ModelFile = "model.bin";

    /// <summary>File name of the full training state after the last finished epoch (see <see cref="Checkpoint"/>).</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>File name of the settings a run was started with (written by the CLI; read by resume and predict).</summary>
    public const string ConfigFile = "config.json";

    /// <summary>File name of the summary.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>File name of the history as CSV.</summary>
    public const string HistoryCsvFile = "history.csv";

    /// <summary>File name of the history as JSON.</summary>
    public const string HistoryJsonFile = "history.json";

    /// <summary>File name of the label names, one per line in column order.</summary>
    public const string LabelsFile = "labels.txt";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private RunDirectory(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The default folder for a new run: runs/yyyyMMdd-HHmmss under <paramref name="root"/>.</summary>
    public static string DefaultPath(string root, DateTime now) =>
        System.IO.Path.Combine(root, "runs", now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>
    /// Creates (or opens) the folder and proves it is writable by writing and deleting a probe file, so that a bad
    /// <c>--out</c> fails before any training time is spent.
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

    /// <summary>The full path of a file in the run folder.</summary>
    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Saves the model weights atomically.</summary>
    public void SaveModel(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        AtomicFile.Write(FilePath(ModelFile), temp => module.save(temp));
    }

    /// <summary>Writes the label names.</summary>
    public void WriteLabels(IEnumerable<string> names) => AtomicFile.WriteAllText(FilePath(LabelsFile), string.Join('\n', names) + "\n");

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

    /// <summary>Writes summary.json.</summary>
    public void WriteSummary(RunSummary summary) => AtomicFile.WriteAllText(FilePath(SummaryFile), JsonSerializer.Serialize(summary, Json));

    /// <summary>Reads summary.json back.</summary>
    public RunSummary ReadSummary() =>
        JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(FilePath(SummaryFile)), Json)
        ?? throw new InvalidDataException($"{FilePath(SummaryFile)} is empty.");
}
