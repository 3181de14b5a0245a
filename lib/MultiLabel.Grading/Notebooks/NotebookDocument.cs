using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabel.Exercises;

namespace MultiLabel.Grading.Notebooks;

/// <summary>One cell of a notebook.</summary>
/// <param name="Index">0-based position among all cells.</param>
/// <param name="Number">1-based position among the code cells (what messages call "cell N"); 0 for markdown.</param>
/// <param name="Kind">"code", "markdown" or "raw".</param>
/// <param name="Source">The cell's text, with \n line ends.</param>
/// <param name="ExerciseId">The exercise the cell holds (metadata <c>exercise_id</c>, else its <c>// EXERCISE</c> line), or null.</param>
public sealed record NotebookCell(int Index, int Number, string Kind, string Source, string? ExerciseId)
{
    /// <summary>True for a code cell.</summary>
    public bool IsCode => Kind == "code";
}

/// <summary>A file that is not a notebook: the message says why, for that notebook only.</summary>
public sealed class InvalidNotebookException(string message) : Exception(message);

/// <summary>
/// A .ipynb file read with System.Text.Json: its cells, and a way to write it back with other cell sources in the
/// format Jupyter itself writes (one-space indentation, sources as lists of lines, non-ASCII kept), so that a
/// released form written here is byte for byte the committed notebook.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject root;

    private NotebookDocument(string path, JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Path = path;
        this.root = root;
        Cells = cells;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The file name without extension, e.g. "02-tensors".</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The code cells in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>The cell holding exercise <paramref name="id"/>, or null (found by id, wherever it is).</summary>
    public NotebookCell? ExerciseCell(string id) => Cells.FirstOrDefault(c => c.IsCode && c.ExerciseId == id);

    /// <summary>Reads a notebook.</summary>
    /// <exception cref="InvalidNotebookException">The file is not valid JSON or has no cells list.</exception>
    public static NotebookDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new InvalidNotebookException($"{System.IO.Path.GetFileName(path)} is not valid JSON ({e.Message}): it cannot be graded; open it in Jupyter or VS Code and save it again.");
        }

        if (node is not JsonObject root || root["cells"] is not JsonArray cells)
        {
            throw new InvalidNotebookException($"{System.IO.Path.GetFileName(path)} is JSON but not a notebook (no \"cells\" list).");
        }

        var list = new List<NotebookCell>();
        int number = 0;
        foreach (var cell in cells)
        {
            if (cell is not JsonObject c)
            {
                throw new InvalidNotebookException($"{System.IO.Path.GetFileName(path)}: cell {list.Count + 1} is not an object.");
            }

            var kind = (string?)c["cell_type"] ?? "raw";
            var source = SourceOf(c).Replace("\r\n", "\n", StringComparison.Ordinal);
            string? id = c["metadata"] is JsonObject meta && meta["exercise_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (kind == "code")
            {
                number++;
                id ??= SafeExerciseId(source);
            }
            else
            {
                id = null;
            }

            list.Add(new NotebookCell(list.Count, kind == "code" ? number : 0, kind, source, id));
        }

        return new NotebookDocument(path, root, list);
    }

    /// <summary>The notebook as Jupyter writes it, with each cell's source replaced by <paramref name="source"/>.</summary>
    public string Write(Func<NotebookCell, string> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = (JsonObject)root.DeepClone();
        var cells = (JsonArray)copy["cells"]!;
        for (int i = 0; i < Cells.Count; i++)
        {
            var text = source(Cells[i]);
            if (text != Cells[i].Source)
            {
                cells[i]!["source"] = SourceLines(text);
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            copy.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string SourceOf(JsonObject cell) => cell["source"] switch
    {
        JsonArray parts => string.Concat(parts.Select(p => (string?)p ?? string.Empty)),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => string.Empty,
    };

    private static JsonArray SourceLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    private static string? SafeExerciseId(string source)
    {
        try
        {
            return SolutionMarkers.ExerciseId(source);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
