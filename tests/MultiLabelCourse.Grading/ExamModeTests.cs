using MultiLabel.Exercises;
using MultiLabel.Viz;

namespace MultiLabelCourse.Grading;

/// <summary>Exam mode (MLC_EXAM=1) makes Solution() refuse to show the model answer.</summary>
public sealed class ExamModeTests
{
    [Fact]
    public void Solution_shows_no_answer_in_exam_mode_and_the_answer_otherwise()
    {
        var exercise = ExerciseCatalog.Get("00.1");
        var previous = Display.Sink;
        var sink = new Capture();
        Display.Use(sink);
        try
        {
            Environment.SetEnvironmentVariable(Exercise.ExamVariable, "1");
            exercise.Solution();
            Environment.SetEnvironmentVariable(Exercise.ExamVariable, null);
            exercise.Solution();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Exercise.ExamVariable, null);
            Display.Use(previous);
        }

        Assert.Equal(2, sink.Texts.Count);
        Assert.Contains("exam mode", sink.Texts[0], StringComparison.Ordinal);
        Assert.DoesNotContain(exercise.SolutionCode, sink.Texts[0], StringComparison.Ordinal);
        Assert.Contains(exercise.SolutionCode, sink.Texts[1], StringComparison.Ordinal);
    }

    private sealed class Capture : IDisplaySink
    {
        public List<string> Texts { get; } = [];

        public void Show(string displayId, DisplayContent content) => Texts.Add(content.Text);

        public void Update(string displayId, DisplayContent content) => Texts.Add(content.Text);
    }
}
