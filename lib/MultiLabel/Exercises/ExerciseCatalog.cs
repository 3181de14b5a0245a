using MultiLabel.Viz;

namespace MultiLabel.Exercises;

/// <summary>Every exercise of the course by id, and a per-lesson progress table.</summary>
public static class ExerciseCatalog
{
    /// <summary>All exercises in course order.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        Lesson00.CountLabels,
        Lesson01.CountImagesWith, Lesson01.MeanLabelsPerImage,
        Lesson02.CenterChannels, Lesson02.LabelFrequency, Lesson02.MultiHot,
        Lesson03.Sigmoid, Lesson03.BceWithLogits, Lesson03.BceGradient,
        Lesson04.ConvOutputSize, Lesson04.CountParameters, Lesson04.Head,
    ];

    /// <summary>The exercise with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No exercise has that id.</exception>
    public static Exercise Get(string id) =>
        All.FirstOrDefault(e => e.Id == id) ?? throw new KeyNotFoundException($"No exercise '{id}'; known: {string.Join(", ", All.Select(e => e.Id))}.");

    /// <summary>The exercises of lesson <paramref name="lesson"/> ("02").</summary>
    public static IReadOnlyList<Exercise> ForLesson(string lesson) => [.. All.Where(e => e.Id.StartsWith(lesson + ".", StringComparison.Ordinal))];

    /// <summary>A table of the lesson's exercises with their latest results in this kernel session and the points earned.</summary>
    public static Table Progress(string lesson)
    {
        var exercises = ForLesson(lesson);
        int earned = exercises.Where(e => e.LastResult?.Status == CheckStatus.Passed).Sum(e => e.Points);
        var table = new Table(["exercise", "title", "points", "status"], $"Lesson {lesson}: {earned} of {exercises.Sum(e => e.Points)} points");
        foreach (var e in exercises)
        {
            table.AddRow(e.Id, e.Title, e.Points.ToString(System.Globalization.CultureInfo.InvariantCulture), e.LastResult?.StatusName ?? "not checked");
        }

        return table;
    }
}
