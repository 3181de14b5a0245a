using MultiLabel.Exercises;
using MultiLabel.Grading.Engine;
using MultiLabel.Grading.Release;
using MultiLabel.Grading.Reports;
using MultiLabel.Tests.Support;

namespace MultiLabelCourse.Grading.Support;

/// <summary>
/// The submission this test run grades: the folder <c>MLC_SUBMISSION</c> names, else the instructor copy written
/// from notebooks/ and the catalog (which must pass every test, so the solution's test run stays green). It is graded
/// once per test run; the report is written as JSON, Markdown and a table to <c>MLC_REPORT_DIR</c> (default
/// grade-report/ beside the test assembly).
/// </summary>
internal static class CourseGrading
{
    public const string SubmissionVariable = "MLC_SUBMISSION";

    public const string ReportVariable = "MLC_REPORT_DIR";

    private static readonly Lazy<string> Instructor = new(() => WriteCopy(solutions: true), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<GradeReport> Graded = new(GradeSubmission, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Notebooks => RepoPaths.Combine("notebooks");

    /// <summary>The folder graded: MLC_SUBMISSION or the instructor copy.</summary>
    public static string Submission => Environment.GetEnvironmentVariable(SubmissionVariable) is { Length: > 0 } s ? Resolve(s) : InstructorCopy;

    /// <summary>A temporary instructor copy (<c>mlc release --solutions</c>), written once per test run.</summary>
    public static string InstructorCopy => Instructor.Value;

    public static string ReportDir => Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "grade-report");

    public static GradeReport Report => Graded.Value;

    /// <summary>Every exercise of the course whose lesson has a notebook: (notebook, id, points), in course order.</summary>
    public static IEnumerable<(string Notebook, Exercise Exercise)> Exercises()
    {
        var lessons = CourseRelease.Lessons(Notebooks).ToDictionary(CourseRelease.LessonNumber, p => Path.GetFileNameWithoutExtension(p));
        return ExerciseCatalog.All.Where(e => lessons.ContainsKey(e.Id[..2])).Select(e => (lessons[e.Id[..2]], e));
    }

    /// <summary>The grading options of the tests: the course's notebooks, the hidden seed MLC_SEED when set.</summary>
    public static GradeOptions Options(IReadOnlySet<string>? lessons = null) => new()
    {
        CourseNotebooks = Notebooks,
        Lessons = lessons,
        HiddenSeed = int.TryParse(Environment.GetEnvironmentVariable("MLC_SEED"), out var seed) ? seed : null,
    };

    /// <summary>The course's lessons written to a new temporary folder, released or with the model answers.</summary>
    public static string WriteCopy(bool solutions)
    {
        var folder = Directory.CreateTempSubdirectory(solutions ? "mlc-instructor-" : "mlc-released-").FullName;
        CourseRelease.Write(Notebooks, folder, solutions);
        return folder;
    }

    /// <summary>A relative MLC_SUBMISSION is read from the current folder, else from the repository root (where the README's commands run).</summary>
    private static string Resolve(string folder) =>
        Path.IsPathRooted(folder) || Directory.Exists(folder) ? Path.GetFullPath(folder) : RepoPaths.Combine(folder);

    private static GradeReport GradeSubmission()
    {
        var report = SubmissionGrader.Grade(Submission, Options());
        Directory.CreateDirectory(ReportDir);
        File.WriteAllText(Path.Combine(ReportDir, "grade-report.json"), GradeReportWriter.Json(report));
        File.WriteAllText(Path.Combine(ReportDir, "grade-report.md"), GradeReportWriter.Markdown(report, $"Grade of {Submission}"));
        File.WriteAllText(Path.Combine(ReportDir, "grade-report.txt"), GradeReportWriter.Table(report));
        return report;
    }
}
