using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabel.Training;

namespace MultiLabel.Metrics;

/// <summary>
/// Per-label thresholds on disk, as CSV (<c>label,threshold</c> and optional <c>f1,tuned</c> columns) or JSON
/// (<c>{"thresholds": {"cat": 0.41, ...}}</c>, plus the global threshold and F1 values when tuned; a flat
/// <c>{"cat": 0.41, ...}</c> object is read too): what
/// <c>mlc train --tune-thresholds</c> writes to a run folder and <c>mlc evaluate --thresholds</c> reads.
/// The format follows the file extension (.json, anything else is CSV).
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class ThresholdsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes tuned thresholds (with their validation F1) atomically.</summary>
    public static void Write(string path, TunedThresholds tuned)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tuned);
        if (IsJson(path))
        {
            var json = new JsonObject
            {
                ["global"] = tuned.Global,
                ["global_f1_micro"] = tuned.GlobalF1Micro,
                ["thresholds"] = Object(tuned.PerLabel.Select(l => (l.Label, l.Threshold))),
                ["f1"] = Object(tuned.PerLabel.Select(l => (l.Label, l.F1))),
                ["tuned"] = new JsonObject(tuned.PerLabel.Select(l => KeyValuePair.Create(l.Label, (JsonNode?)l.Tuned))),
            };
            AtomicFile.WriteAllText(path, json.ToJsonString(Indented) + "\n");
            return;
        }

        var csv = new StringBuilder("label,threshold,f1,tuned\n");
        foreach (var l in tuned.PerLabel)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.Label},{l.Threshold:R},{l.F1:R},{(l.Tuned ? "true" : "false")}\n");
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>Writes one threshold per label atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> labels, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(thresholds);
        var values = thresholds.Expand(labels.Count);
        if (IsJson(path))
        {
            var json = new JsonObject { ["thresholds"] = Object(labels.Select((l, i) => (l, values[i]))) };
            AtomicFile.WriteAllText(path, json.ToJsonString(Indented) + "\n");
            return;
        }

        var csv = new StringBuilder("label,threshold\n");
        for (int i = 0; i < labels.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{labels[i]},{values[i]:R}\n");
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>Reads the thresholds of <paramref name="labels"/> (in that order; the file may list them in any order).</summary>
    /// <exception cref="InvalidDataException">
    /// Bad header or JSON, a label that is not in <paramref name="labels"/> or appears twice, a missing label, or a
    /// threshold that is not a number in [0, 1]; the message names the file and line (or JSON key).
    /// </exception>
    public static Thresholds Read(string path, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        var found = IsJson(path) ? ReadJson(path, labels) : ReadCsv(path, labels);
        var missing = labels.Where(l => !found.ContainsKey(l)).ToArray();
        if (missing.Length > 0)
        {
            throw FileProblem.In(path, $"no threshold for {(missing.Length == 1 ? "label" : "labels")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; every label needs one.");
        }

        return Thresholds.PerLabel(labels.Select(l => found[l]));
    }

    private static Dictionary<string, double> ReadCsv(string path, IReadOnlyList<string> labels)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            throw FileProblem.At(path, 1, "the file is empty; expected a header 'label,threshold' and one row per label.");
        }

        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        int labelColumn = header.IndexOf("label"), thresholdColumn = header.IndexOf("threshold");
        if (labelColumn < 0 || thresholdColumn < 0)
        {
            throw FileProblem.At(path, 1, $"the header must name the columns 'label' and 'threshold' (found: {lines[0]}).");
        }

        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != header.Count)
            {
                throw FileProblem.At(path, i + 1, $"{fields.Length} values, expected {header.Count} (as many as the header).");
            }

            Add(found, labels, fields[labelColumn], fields[thresholdColumn], problem => FileProblem.At(path, i + 1, problem));
        }

        return found;
    }

    private static Dictionary<string, double> ReadJson(string path, IReadOnlyList<string> labels)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw FileProblem.At(path, (ex.LineNumber ?? 0) + 1, $"not valid JSON: {ex.Message.Split(" Path:")[0]}");
        }

        var thresholds = root is JsonObject obj ? obj["thresholds"] as JsonObject ?? (obj.All(p => p.Value is JsonValue) ? obj : null) : null;
        if (thresholds is null)
        {
            throw FileProblem.In(path, "expected a JSON object {\"thresholds\": {\"label\": threshold, ...}} (or a flat {\"label\": threshold, ...}).");
        }

        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, value) in thresholds)
        {
            Add(found, labels, label, value?.ToJsonString() ?? "null", problem => FileProblem.In(path, $"key 'thresholds.{label}': {problem}"));
        }

        return found;
    }

    private static void Add(Dictionary<string, double> found, IReadOnlyList<string> labels, string label, string text, Func<string, InvalidDataException> problem)
    {
        if (!labels.Contains(label))
        {
            throw problem($"unknown label '{label}'; the labels are {string.Join(", ", labels)}.");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value <= 1))
        {
            throw problem($"threshold '{text}' of label '{label}' is not a probability in [0, 1].");
        }

        if (!found.TryAdd(label, value))
        {
            throw problem($"label '{label}' appears twice.");
        }
    }

    private static bool IsJson(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);

    private static JsonObject Object(IEnumerable<(string Key, double Value)> pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
