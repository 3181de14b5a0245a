using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabel.Exercises;
using MultiLabel.Grading.Notebooks;
using MultiLabel.Grading.Release;

namespace MultiLabelCourse.Grading.Support;

/// <summary>What a fixture expects of one exercise.</summary>
/// <param name="Id">The exercise.</param>
/// <param name="Status">Its status.</param>
/// <param name="Contains">Words its message must hold.</param>
public sealed record ExpectedGrade(string Id, string Status, string Contains);

/// <summary>How a fixture changes one lesson of the instructor copy.</summary>
public sealed record NotebookPatch
{
    /// <summary>The file is replaced by text that is not JSON.</summary>
    public bool InvalidJson { get; init; }

    /// <summary>Exercise id to the code between its markers (the learner's wrong answer).</summary>
    public Dictionary<string, string> Solutions { get; init; } = [];

    /// <summary>Exercise cells removed.</summary>
    public List<string> DeleteExercises { get; init; } = [];

    /// <summary>Non-exercise code cells removed: the first one whose source contains each text.</summary>
    public List<string> DeleteCellsContaining { get; init; } = [];

    /// <summary>Exercise cells moved to the end of the notebook (reordered cells).</summary>
    public List<string> MoveToEnd { get; init; } = [];

    /// <summary>Code cells a learner added, at the end.</summary>
    public List<string> AppendCells { get; init; } = [];
}

/// <summary>
/// A deliberately wrong submission, described as a patch of the instructor copy (so it never drifts from the lessons):
/// tests/MultiLabelCourse.Grading/Fixtures/NAME.json.
/// </summary>
public sealed record FixtureSubmission
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>What it shows.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The lessons it grades ("00", "01").</summary>
    public List<string> Lessons { get; init; } = [];

    /// <summary>Lesson number to its patch.</summary>
    public Dictionary<string, NotebookPatch> Patches { get; init; } = [];

    /// <summary>The cell time budget for this fixture.</summary>
    public int CellTimeoutSeconds { get; init; } = 180;

    /// <summary>The exercise time budget for this fixture.</summary>
    public int ExerciseTimeoutSeconds { get; init; } = 60;

    /// <summary>The memory cap for this fixture.</summary>
    public int MemoryMb { get; init; } = 4096;

    /// <summary>The exact score it must get.</summary>
    public int Score { get; init; }

    /// <summary>What each exercise must get.</summary>
    public List<ExpectedGrade> Expect { get; init; } = [];

    public static FixtureSubmission Load(string path) =>
        JsonSerializer.Deserialize<FixtureSubmission>(File.ReadAllText(path), Options) ?? throw new JsonException(path);

    /// <summary>Writes the submission (the patched lessons) from the instructor copy <paramref name="instructor"/> into a new folder.</summary>
    public string Write(string instructor)
    {
        var folder = Directory.CreateTempSubdirectory("mlc-fixture-").FullName;
        foreach (var lesson in Lessons)
        {
            var source = CourseRelease.Lessons(instructor).Single(p => CourseRelease.LessonNumber(p) == lesson);
            var target = Path.Combine(folder, Path.GetFileName(source));
            var patch = Patches.GetValueOrDefault(lesson) ?? new NotebookPatch();
            File.WriteAllText(target, patch.InvalidJson ? File.ReadAllText(source)[..200] : Apply(File.ReadAllText(source), patch));
        }

        return folder;
    }

    private static string Apply(string notebook, NotebookPatch patch)
    {
        var root = JsonNode.Parse(notebook)!.AsObject();
        var cells = root["cells"]!.AsArray();
        string Source(JsonNode cell) => string.Concat(cell["source"]!.AsArray().Select(l => (string?)l));
        string? Id(JsonNode cell) => (string?)cell["metadata"]?["exercise_id"];
        foreach (var cell in cells.Where(c => Id(c!) is { } id && patch.Solutions.ContainsKey(id)))
        {
            var filled = SolutionMarkers.Fill(Source(cell!), patch.Solutions[Id(cell!)!]);
            cell!["source"] = Lines(filled);
        }

        foreach (var text in patch.DeleteCellsContaining)
        {
            cells.Remove(cells.First(c => (string?)c!["cell_type"] == "code" && Id(c) is null && Source(c).Contains(text, StringComparison.Ordinal)));
        }

        foreach (var cell in cells.Where(c => Id(c!) is { } id && patch.DeleteExercises.Contains(id)).ToList())
        {
            cells.Remove(cell);
        }

        foreach (var cell in cells.Where(c => Id(c!) is { } id && patch.MoveToEnd.Contains(id)).ToList())
        {
            cells.Remove(cell);
            cells.Add(cell);
        }

        foreach (var code in patch.AppendCells)
        {
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(),
                ["source"] = Lines(code),
            });
        }

        return root.ToJsonString();
    }

    private static JsonArray Lines(string text)
    {
        var parts = text.Split('\n');
        return new JsonArray([.. parts.Select((l, i) => (JsonNode)(i < parts.Length - 1 ? l + "\n" : l))]);
    }
}
