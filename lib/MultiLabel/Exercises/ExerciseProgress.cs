using System.Text.Json;
using MultiLabel.Training;

namespace MultiLabel.Exercises;

/// <summary>The latest result of one exercise, as the progress file keeps it.</summary>
/// <param name="Id">The exercise id, e.g. "02.1".</param>
/// <param name="Title">The exercise title.</param>
/// <param name="Points">Points it is worth.</param>
/// <param name="Status">"passed", "failed" or "not-attempted" (<see cref="CheckResult.StatusName"/>).</param>
/// <param name="CheckedAt">When the check ran (UTC).</param>
public sealed record ProgressEntry(string Id, string Title, int Points, string Status, DateTimeOffset CheckedAt)
{
    /// <summary>True when the latest check passed.</summary>
    public bool Passed => Status == "passed";
}

/// <summary>
/// Keeps every exercise's latest check result in a small JSON file, so progress survives a kernel restart:
/// <c>MLC_PROGRESS_FILE</c> when set, else <c>progress.json</c> in the user's data folder under <c>mlc</c>
/// (<c>$XDG_DATA_HOME/mlc</c> or <c>~/.local/share/mlc</c> on Linux, <c>%LOCALAPPDATA%\mlc</c> on Windows,
/// <c>~/Library/Application Support/mlc</c> on macOS). Written atomically after every check. A check that finds the
/// exercise not attempted does not replace an earlier result (a fresh copy of a notebook does not erase your work).
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public sealed class ExerciseProgress
{
    /// <summary>The environment variable that names the progress file.</summary>
    public const string EnvironmentVariable = "MLC_PROGRESS_FILE";

    private static readonly object WriteLock = new();

    /// <summary>A progress store in the file <paramref name="path"/>.</summary>
    public ExerciseProgress(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The store at <see cref="DefaultPath"/> (read again on every call, so a changed variable applies).</summary>
    public static ExerciseProgress Current => new(DefaultPath());

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Where progress is kept: <c>MLC_PROGRESS_FILE</c>, else <c>mlc/progress.json</c> in the user's data folder.</summary>
    public static string DefaultPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return !string.IsNullOrWhiteSpace(fromEnvironment)
            ? System.IO.Path.GetFullPath(fromEnvironment)
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "mlc", "progress.json");
    }

    /// <summary>The latest result of every exercise checked so far, by id (empty when there is no file or it cannot be read).</summary>
    public IReadOnlyDictionary<string, ProgressEntry> Read()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return new Dictionary<string, ProgressEntry>();
            }

            var entries = JsonSerializer.Deserialize<ProgressEntry[]>(File.ReadAllText(Path), ExerciseJson.Options) ?? [];
            return entries.Where(e => e?.Id is not null).GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.Last());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return new Dictionary<string, ProgressEntry>();
        }
    }

    /// <summary>
    /// Records <paramref name="result"/> (a not-attempted result only when nothing is recorded for the exercise yet).
    /// A file that cannot be written is left alone: a check never fails because of its progress file.
    /// </summary>
    /// <returns>True when the file now holds the result.</returns>
    public bool Record(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (WriteLock)
        {
            var entries = Read().ToDictionary(e => e.Key, e => e.Value);
            if (result.Status == CheckStatus.NotAttempted && entries.ContainsKey(result.ExerciseId))
            {
                return false;
            }

            entries[result.ExerciseId] = new ProgressEntry(result.ExerciseId, result.Title, result.Points, result.StatusName, DateTimeOffset.UtcNow);
            try
            {
                AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray(), ExerciseJson.Options));
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
