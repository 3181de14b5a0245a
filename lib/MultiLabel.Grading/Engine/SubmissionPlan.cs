using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiLabel.Exercises;
using MultiLabel.Grading.Notebooks;
using MultiLabel.Grading.Release;

namespace MultiLabel.Grading.Engine;

/// <summary>One exercise to grade: what the course says of it, the learner's cell, the cases, and its grade once known.</summary>
internal sealed class PlannedExercise(string notebook, Exercise exercise, NotebookCell? cell, ExerciseJob? job)
{
    public string Notebook { get; } = notebook;

    public Exercise Exercise { get; } = exercise;

    /// <summary>The learner's cell, or null when no cell holds the exercise.</summary>
    public NotebookCell? Cell { get; } = cell;

    /// <summary>What the child observes; null when the exercise is graded without running it.</summary>
    public ExerciseJob? Job { get; } = job;

    public ExerciseGrade? Grade { get; set; }

    /// <summary>What the child observed, one per case, once it has.</summary>
    public IReadOnlyList<string>? Observations { get; set; }

    /// <summary>Why the child could not observe it (its function does not compile...), once it said so.</summary>
    public string? Problem { get; set; }

    public double Seconds { get; set; }

    public ExerciseGrade Final(string status, string message) =>
        new(Notebook, Exercise.Id, Exercise.Points, status == GradeStatus.Passed ? Exercise.Points : 0, status, message, Math.Round(Seconds, 2));
}

/// <summary>One notebook of a submission: the cells the child runs and the exercises it holds.</summary>
internal sealed class NotebookPlan(string name, IReadOnlyList<CellJob> cells, IReadOnlyList<PlannedExercise> exercises)
{
    public string Name { get; } = name;

    public IReadOnlyList<CellJob> Cells { get; } = cells;

    public IReadOnlyList<PlannedExercise> Exercises { get; } = exercises;

    /// <summary>Cells that hung or crashed a child: a fresh child leaves them out.</summary>
    public Dictionary<int, string> FatalCells { get; } = [];

    /// <summary>Each cell's errors as the child reported them.</summary>
    public Dictionary<int, IReadOnlyList<string>> CellErrors { get; } = [];

    /// <summary>Seconds each cell took.</summary>
    public Dictionary<int, double> CellSeconds { get; } = [];

    public bool Complete { get; set; }

    /// <summary>The exercises the child still has to observe.</summary>
    public IEnumerable<PlannedExercise> Pending => Exercises.Where(e => e.Grade is null && e.Job is not null && e.Observations is null && e.Problem is null);
}

/// <summary>
/// Reads a submission against the course: for each lesson, the learner's notebook (found by file name), each of the
/// lesson's exercises found by id wherever its cell is, the cases (the notebook's public ones, the hidden seed's, the
/// instructor's extra ones), and what needs no child at all (a missing or invalid notebook, a deleted exercise, a
/// solution that reaches for the exercise library).
/// </summary>
internal static partial class SubmissionPlanner
{
    public static IReadOnlyList<NotebookPlan> Plan(string submission, GradeOptions options, int hiddenSeed)
    {
        var plans = new List<NotebookPlan>();
        foreach (var coursePath in CourseRelease.Lessons(options.CourseNotebooks))
        {
            var lesson = CourseRelease.LessonNumber(coursePath);
            var exercises = ExerciseCatalog.ForLesson(lesson);
            if (exercises.Count == 0 || (options.Lessons is { } only && !only.Contains(lesson)))
            {
                continue;
            }

            var course = NotebookDocument.Load(coursePath);
            var name = course.Name;
            var learnerPath = Path.Combine(submission, Path.GetFileName(coursePath));
            NotebookDocument learner;
            try
            {
                learner = File.Exists(learnerPath)
                    ? NotebookDocument.Load(learnerPath)
                    : throw new InvalidNotebookException($"{Path.GetFileName(coursePath)} is not in the submission folder.");
            }
            catch (InvalidNotebookException e)
            {
                plans.Add(Graded(name, exercises, GradeStatus.NotFound, e.Message));
                continue;
            }

            var planned = exercises.Select(e => PlanExercise(name, e, course, learner, options, hiddenSeed)).ToList();
            var cells = learner.CodeCells.Select(c => IsSetupCell(c.Source)
                ? new CellJob(c.Number, RemoveSetupLine(c.Source), true)
                : new CellJob(c.Number, c.Source, false, planned.FirstOrDefault(e => e.Cell == c && e.Job is not null)?.Job)).ToList();
            plans.Add(new NotebookPlan(name, cells, planned));
        }

        return plans;
    }

    private static PlannedExercise PlanExercise(string notebook, Exercise exercise, NotebookDocument course, NotebookDocument learner, GradeOptions options, int hiddenSeed)
    {
        var cell = learner.ExerciseCell(exercise.Id);
        if (cell is null)
        {
            return new PlannedExercise(notebook, exercise, null, null)
            {
                Grade = new ExerciseGrade(notebook, exercise.Id, exercise.Points, 0, GradeStatus.NotFound,
                    $"Exercise not found: no cell of {notebook}.ipynb has exercise_id {exercise.Id} or the line '// EXERCISE {exercise.Id}'.", 0),
            };
        }

        var planned = new PlannedExercise(notebook, exercise, cell, null);
        if (NotAllowed(cell.Source) is { } reason)
        {
            planned.Grade = planned.Final(GradeStatus.Failed, $"Not allowed: your solution {reason}. Write the computation yourself; the grader does not run the exercise library's answers for you.");
            return planned;
        }

        var courseCell = course.ExerciseCell(exercise.Id)
            ?? throw new InvalidOperationException($"The course's {course.Name}.ipynb has no cell for exercise {exercise.Id}.");
        var (receiver, answer) = CheckCall(courseCell.Source)
            ?? throw new InvalidOperationException($"The course's cell of exercise {exercise.Id} has no check line 'LessonNN.Name.Check(answer);'.");
        var cases = Cases(exercise, options, hiddenSeed);
        return new PlannedExercise(notebook, exercise, cell, new ExerciseJob(exercise.Id, receiver, answer, cases));
    }

    /// <summary>The notebook's public cases, then the hidden seed's generated ones, then the instructor's extra ones.</summary>
    public static IReadOnlyList<string> Cases(Exercise exercise, GradeOptions options, int hiddenSeed)
    {
        var cases = new List<string>(exercise.CasesJson(Exercise.PublicSeed));
        cases.AddRange(exercise.CasesJson(hiddenSeed).Skip(1));
        if (options.ExtraChecks is { } folder && File.Exists(Path.Combine(folder, exercise.Id + ".json")))
        {
            using var extra = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, exercise.Id + ".json")));
            cases.AddRange(extra.RootElement.EnumerateArray().Select(c => c.GetRawText()));
        }

        return cases;
    }

    /// <summary>Why the solution regions of <paramref name="cellSource"/> are not allowed, or null.</summary>
    public static string? NotAllowed(string cellSource)
    {
        string code;
        try
        {
            code = SolutionMarkers.LearnerCode(cellSource);
        }
        catch (FormatException)
        {
            code = cellSource;
        }

        var match = Forbidden().Match(StripComments(code));
        return match.Success ? $"uses '{match.Value.Trim()}' (the exercise library: its checkers and model answers)" : null;
    }

    /// <summary>The receiver and the answer of the last <c>X.Check(answer);</c> line.</summary>
    public static (string Receiver, string Answer)? CheckCall(string source)
    {
        var match = CheckLine().Matches(source).LastOrDefault();
        return match is null ? null : (match.Groups["receiver"].Value, match.Groups["answer"].Value);
    }

    /// <summary>True for the set-up cell (<c>#!import setup.csx</c>): the grader runs its own set-up in its place.</summary>
    public static bool IsSetupCell(string source) => SetupLine().IsMatch(source);

    private static string RemoveSetupLine(string source) => SetupLine().Replace(source, string.Empty);

    private static NotebookPlan Graded(string notebook, IReadOnlyList<Exercise> exercises, string status, string message) =>
        new(notebook, [], [.. exercises.Select(e => new PlannedExercise(notebook, e, null, null)
        {
            Grade = new ExerciseGrade(notebook, e.Id, e.Points, 0, status, message, 0),
        })]);

    private static string StripComments(string code) => LineComment().Replace(code, string.Empty);

    internal static string Describe(int number) => string.Create(CultureInfo.InvariantCulture, $"cell {number}");

    [GeneratedRegex(@"\bMultiLabel\s*\.\s*Exercises\b|\bExerciseCatalog\b|\bLesson\d\d\s*\.|\bModelAnswer\b|\bSolutionCode\b|\bObserveReference\w*|\bAnswerOrModel\b|\.\s*Solution\s*\(")]
    private static partial Regex Forbidden();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^[ \t]*(?<receiver>[A-Za-z_][\w.]*)\.Check\((?<answer>.+)\);[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex CheckLine();

    [GeneratedRegex(@"^[ \t]*#!import[ \t]+setup\.csx[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SetupLine();
}
