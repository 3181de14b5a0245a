using System.ComponentModel;
using MultiLabel.Grading.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc grade</c>.</summary>
public sealed class GradeSettings : CommandSettings
{
    /// <summary>One learner's folder of notebooks.</summary>
    [CommandArgument(0, "[DIR]")]
    [Description("A learner's folder of notebooks (NN-name.ipynb, as handed out); it can live anywhere.")]
    public string? Submission { get; init; }

    /// <summary>A folder of learners' folders.</summary>
    [CommandOption("--class <DIR>")]
    [Description("Grade every folder in DIR (one per learner, in parallel) and write gradebook.csv and gradebook.html there.")]
    public string? Class { get; init; }

    /// <summary>JSON instead of the table.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object {score, total, exercises: [[{notebook, id, points, earned, status, message, seconds}]]}.")]
    public bool Json { get; init; }

    /// <summary>Where to write the JSON and Markdown reports.</summary>
    [CommandOption("--report <DIR>")]
    [Description("Also write grade-report.json and grade-report.md (per-exercise feedback) to DIR.")]
    public string? Report { get; init; }

    /// <summary>A CSV for a learning platform.</summary>
    [CommandOption("--lms-csv <FILE>")]
    [Description("With --class: write a CSV a learning platform's gradebook imports (one row per learner, one column per lesson, total).")]
    public string? LmsCsv { get; init; }

    /// <summary>The course's notebooks.</summary>
    [CommandOption("--notebooks <DIR>")]
    [Description("The course's notebooks folder (default: notebooks/ of the repository above the current folder).")]
    public string? Notebooks { get; init; }

    /// <summary>Instructor-only cases.</summary>
    [CommandOption("--extra-checks <DIR>")]
    [Description("A folder of instructor-only cases, NN.k.json (a list of cases in the exercise's JSON form); never put it in notebooks/.")]
    public string? ExtraChecks { get; init; }

    /// <summary>Only some lessons.</summary>
    [CommandOption("--lessons <LIST>")]
    [Description("Grade only these lessons, e.g. 00,01 (default: all).")]
    public string? Lessons { get; init; }

    /// <summary>The hidden seed.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of the hidden cases (default: a fresh random one per run; learners never see it).")]
    public int? Seed { get; init; }

    /// <summary>Time budget of a cell.</summary>
    [CommandOption("--cell-timeout <SECONDS>")]
    [Description("Time budget of one cell (default 180).")]
    public int CellTimeout { get; init; } = GradeOptions.DefaultCellSeconds;

    /// <summary>Time budget of an exercise's cases.</summary>
    [CommandOption("--exercise-timeout <SECONDS>")]
    [Description("Time budget of one exercise's cases (default 60).")]
    public int ExerciseTimeout { get; init; } = GradeOptions.DefaultExerciseSeconds;

    /// <summary>The memory cap.</summary>
    [CommandOption("--memory-mb <MB>")]
    [Description("Resident memory cap of the process that runs the learner's code (default 4096).")]
    public int MemoryMb { get; init; } = GradeOptions.DefaultMemoryMb;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Submission) == string.IsNullOrWhiteSpace(Class))
        {
            return ValidationResult.Error("Give one learner's folder (DIR) or --class DIR, not both.");
        }

        if (LmsCsv is not null && Class is null)
        {
            return ValidationResult.Error("--lms-csv goes with --class.");
        }

        return CellTimeout <= 0 || ExerciseTimeout <= 0 || MemoryMb < 256
            ? ValidationResult.Error("--cell-timeout and --exercise-timeout must be positive, --memory-mb at least 256.")
            : ValidationResult.Success();
    }

    /// <summary>The grading options these settings describe.</summary>
    public GradeOptions ToOptions(string notebooks) => new()
    {
        CourseNotebooks = notebooks,
        HiddenSeed = Seed,
        Lessons = Lessons is null ? null : Lessons.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
        CellTimeout = TimeSpan.FromSeconds(CellTimeout),
        ExerciseTimeout = TimeSpan.FromSeconds(ExerciseTimeout),
        MemoryLimitMb = MemoryMb,
        ExtraChecks = ExtraChecks,
    };
}
