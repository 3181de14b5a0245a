using MultiLabel.Grading.Engine;
using MultiLabel.Grading.Reports;
using MultiLabelCourse.Grading.Support;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MultiLabelCourse.Grading;

/// <summary>
/// One test per exercise of the course, named by notebook and exercise id and worth its points: it passes when the
/// graded submission (MLC_SUBMISSION, else the instructor copy) earns the exercise's points, and fails with the
/// grader's feedback otherwise.
/// </summary>
public sealed class ExerciseTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, int> Exercises()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (notebook, exercise) in CourseGrading.Exercises())
        {
            data.Add(notebook, exercise.Id, exercise.Points);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Exercises))]
    public void Exercise(string notebook, string id, int points)
    {
        var grade = CourseGrading.Report.Exercises.Single(e => e.Id == id);
        output.WriteLine($"{notebook} {id}: {grade.Earned} of {points} points, {grade.Status} ({grade.Seconds:0.0} s): {grade.Message}");
        Assert.Equal(notebook, grade.Notebook);
        Assert.True(grade.Status == GradeStatus.Passed && grade.Earned == points, $"{notebook} {id} ({points} points): {grade.Status}: {grade.Message}");
    }

    [Fact]
    public void Score_table_and_reports()
    {
        var report = CourseGrading.Report;
        output.WriteLine($"Graded {CourseGrading.Submission}; reports in {CourseGrading.ReportDir}");
        output.WriteLine(GradeReportWriter.Table(report));
        Assert.Equal(CourseGrading.Exercises().Sum(e => e.Exercise.Points), report.Total);
        var json = File.ReadAllText(Path.Combine(CourseGrading.ReportDir, "grade-report.json"));
        Assert.Equal(report.Exercises, GradeReportWriter.ReadJson(json).Exercises);
        Assert.Contains($"**Score: {report.Score} of {report.Total}**", File.ReadAllText(Path.Combine(CourseGrading.ReportDir, "grade-report.md")), StringComparison.Ordinal);
    }
}
