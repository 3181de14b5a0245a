using MultiLabel.Grading.Engine;
using MultiLabel.Grading.Reports;
using MultiLabel.Tests.Support;
using MultiLabelCourse.Grading.Support;
using Xunit.Abstractions;

namespace MultiLabelCourse.Grading;

/// <summary>
/// The grader discriminates: deliberately wrong submissions (Fixtures/*.json, patches of the instructor copy) score
/// exactly what they should, each exercise with its status and words; the released stubs score 0.
/// </summary>
public sealed class DiscriminationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fixtures =>
        [.. Directory.GetFiles(RepoPaths.Combine("tests", "MultiLabelCourse.Grading", "Fixtures"), "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Wrong_submission_scores_exactly_what_it_should(string fixture)
    {
        var spec = FixtureSubmission.Load(RepoPaths.Combine("tests", "MultiLabelCourse.Grading", "Fixtures", fixture + ".json"));
        var folder = spec.Write(CourseGrading.InstructorCopy);
        var options = CourseGrading.Options(spec.Lessons.ToHashSet(StringComparer.Ordinal)) with
        {
            CellTimeout = TimeSpan.FromSeconds(spec.CellTimeoutSeconds),
            ExerciseTimeout = TimeSpan.FromSeconds(spec.ExerciseTimeoutSeconds),
            MemoryLimitMb = spec.MemoryMb,
        };
        var report = SubmissionGrader.Grade(folder, options);
        output.WriteLine($"{fixture}: {spec.Description}\n{GradeReportWriter.Table(report)}");
        foreach (var e in report.Exercises)
        {
            output.WriteLine($"{e.Id} {e.Status}: {e.Message}");
        }

        foreach (var expected in spec.Expect)
        {
            var grade = report.Exercises.Single(e => e.Id == expected.Id);
            Assert.True(grade.Status == expected.Status, $"{fixture} {expected.Id}: expected {expected.Status}, got {grade.Status}: {grade.Message}");
            Assert.Contains(expected.Contains, grade.Message, StringComparison.Ordinal);
            Assert.Equal(grade.Status == GradeStatus.Passed ? grade.Points : 0, grade.Earned);
        }

        Assert.Equal(spec.Expect.Select(e => e.Id).Order(StringComparer.Ordinal), report.Exercises.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(spec.Score, report.Score);
    }

    [Fact]
    public void Released_stubs_score_0_of_total()
    {
        var report = SubmissionGrader.Grade(CourseGrading.Notebooks, CourseGrading.Options());
        output.WriteLine(GradeReportWriter.Table(report));
        Assert.Equal(CourseGrading.Exercises().Sum(e => e.Exercise.Points), report.Total);
        Assert.Equal(0, report.Score);
        Assert.All(report.Exercises, e => Assert.True(e.Status == GradeStatus.NotAttempted, $"{e.Id}: {e.Status}: {e.Message}"));
    }
}
