using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiLabel.Notebooks.Tests.Support;

/// <summary>One cell of a notebook as stored in the .ipynb file.</summary>
/// <param name="Index">0-based position among all cells.</param>
/// <param name="Number">1-based position among the code cells (what error messages call "cell N").</param>
internal sealed record NotebookCell(int Index, int Number, string Kind, string Source, JsonElement Metadata, int OutputCount, bool HasExecutionCount)
{
    public bool IsCode => Kind == "code";

    public string? ExerciseId => Metadata.TryGetProperty("exercise_id", out var id) ? id.GetString() : null;

    public int? Points => Metadata.TryGetProperty("points", out var p) ? p.GetInt32() : null;

    /// <summary>True when the cell calls something that displays a chart, table, image or exercise result.</summary>
    public bool Displays => IsCode && NotebookFile.DisplayCall.IsMatch(Source);

    public override string ToString() => $"cell {Number} ({Source.Split('\n')[0]})";
}

/// <summary>A notebook file parsed with System.Text.Json (cells, sources, metadata, outputs).</summary>
internal sealed partial class NotebookFile
{
    private NotebookFile(string path, IReadOnlyList<NotebookCell> cells, JsonElement metadata)
    {
        Path = path;
        Cells = cells;
        Metadata = metadata;
    }

    /// <summary>Calls that show HTML: the same pattern scripts/check-notebooks.py uses.</summary>
    public static Regex DisplayCall { get; } = DisplayCallRegex();

    public string Path { get; }

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public IReadOnlyList<NotebookCell> Cells { get; }

    public JsonElement Metadata { get; }

    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>The course lessons: notebooks/NN-*.ipynb.</summary>
    public static IReadOnlyList<string> LessonPaths() =>
        [.. System.IO.Directory.GetFiles(MultiLabel.Tests.Support.RepoPaths.Combine("notebooks"), "*.ipynb")
            .Where(p => LessonName().IsMatch(System.IO.Path.GetFileName(p)))
            .Order(StringComparer.Ordinal)];

    public static NotebookFile Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var cells = new List<NotebookCell>();
        int number = 0;
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            var kind = cell.GetProperty("cell_type").GetString()!;
            var source = cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } parts
                ? string.Concat(parts.EnumerateArray().Select(p => p.GetString()))
                : cell.GetProperty("source").GetString()!;
            int outputs = cell.TryGetProperty("outputs", out var o) ? o.GetArrayLength() : 0;
            bool counted = cell.TryGetProperty("execution_count", out var count) && count.ValueKind != JsonValueKind.Null;
            if (kind == "code")
            {
                number++;
            }

            cells.Add(new NotebookCell(cells.Count, kind == "code" ? number : 0, kind, source, cell.GetProperty("metadata").Clone(), outputs, counted));
        }

        return new NotebookFile(path, cells, root.GetProperty("metadata").Clone());
    }

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+\.ipynb$")]
    private static partial Regex LessonName();

    [GeneratedRegex(@"Display\.Show|\.Show\(\)|\.Check\(|\.Hint\(|\.Solution\(|TrainingChart\.Follow|ExerciseCatalog\.Progress")]
    private static partial Regex DisplayCallRegex();
}
