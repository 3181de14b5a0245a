using System.Globalization;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Viz;

namespace MultiLabel.Exercises;

/// <summary>Every exercise of the course by id, and a per-lesson progress table read from <see cref="ExerciseProgress"/>.</summary>
public static class ExerciseCatalog
{
    /// <summary>All exercises in course order.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
        [.. Lesson00.All, .. Lesson01.All, .. Lesson02.All, .. Lesson03.All, .. Lesson04.All, .. Lesson05.All, .. Lesson06.All, .. Lesson07.All, .. Lesson08.All, .. Lesson09.All, .. Lesson10.All];

    /// <summary>The exercise with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No exercise has that id.</exception>
    public static Exercise Get(string id) =>
        All.FirstOrDefault(e => e.Id == id) ?? throw new KeyNotFoundException($"No exercise '{id}'; known: {string.Join(", ", All.Select(e => e.Id))}.");

    /// <summary>The exercises of lesson <paramref name="lesson"/> ("02").</summary>
    public static IReadOnlyList<Exercise> ForLesson(string lesson) => [.. All.Where(e => e.Id.StartsWith(lesson + ".", StringComparison.Ordinal))];

    /// <summary>
    /// A table of the lesson's exercises with their latest results, read from the progress file (so it survives a
    /// kernel restart), and the points earned.
    /// </summary>
    public static Table Progress(string lesson) => Progress(lesson, ExerciseProgress.Current);

    /// <summary>The progress table of <paramref name="lesson"/> as <paramref name="store"/> records it.</summary>
    public static Table Progress(string lesson, ExerciseProgress store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var exercises = ForLesson(lesson);
        var recorded = store.Read();
        int earned = exercises.Where(e => recorded.TryGetValue(e.Id, out var r) && r.Passed).Sum(e => e.Points);
        var table = new Table(["exercise", "title", "points", "latest check", "checked at (UTC)"], $"Lesson {lesson}: {earned} of {exercises.Sum(e => e.Points)} points");
        foreach (var e in exercises)
        {
            var entry = recorded.GetValueOrDefault(e.Id);
            table.AddRow(e.Id, e.Title, e.Points.ToString(CultureInfo.InvariantCulture), entry?.Status ?? "not checked",
                entry?.CheckedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return table;
    }
}
