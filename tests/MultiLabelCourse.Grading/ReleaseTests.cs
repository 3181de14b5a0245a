using MultiLabel.Exercises;
using MultiLabel.Grading.Notebooks;
using MultiLabel.Grading.Release;
using MultiLabelCourse.Grading.Support;

namespace MultiLabelCourse.Grading;

/// <summary>notebooks/ is exactly the released form, and the instructor copy holds every model answer (ExerciseTests grades it).</summary>
public sealed class ReleaseTests
{
    public static TheoryData<string> Lessons => [.. CourseRelease.Lessons(CourseGrading.Notebooks).Select(p => Path.GetFileName(p)!)];

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Committed_notebook_is_the_released_form(string lesson)
    {
        var path = Path.Combine(CourseGrading.Notebooks, lesson);
        Assert.Equal(File.ReadAllText(path), CourseRelease.Form(NotebookDocument.Load(path), solutions: false));
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Instructor_copy_holds_the_model_answers_and_releases_back(string lesson)
    {
        var copy = Path.Combine(CourseGrading.InstructorCopy, lesson);
        var instructor = NotebookDocument.Load(copy);
        var exercises = instructor.CodeCells.Where(c => c.ExerciseId is not null).ToList();
        Assert.NotEmpty(exercises);
        foreach (var cell in exercises)
        {
            Assert.Equal(SolutionMarkers.Fill(SolutionMarkers.Strip(cell.Source), ExerciseCatalog.Get(cell.ExerciseId!).SolutionCode), cell.Source);
            Assert.False(SolutionMarkers.IsReleased(cell.Source), $"{lesson}: exercise {cell.ExerciseId} has no model answer in the instructor copy.");
        }

        Assert.Equal(File.ReadAllText(Path.Combine(CourseGrading.Notebooks, lesson)), CourseRelease.Form(instructor, solutions: false));
    }
}
