using System.Text.RegularExpressions;
using MultiLabel.Exercises;
using MultiLabel.Grading.Notebooks;
using MultiLabel.Training;

namespace MultiLabel.Grading.Release;

/// <summary>One lesson in a release form.</summary>
/// <param name="FileName">e.g. "02-tensors.ipynb".</param>
/// <param name="Text">The whole .ipynb file.</param>
public sealed record ReleasedNotebook(string FileName, string Text);

/// <summary>
/// The two forms of the course's lessons: released (every solution region holds only
/// <see cref="SolutionMarkers.Placeholder"/>; what learners get and what notebooks/ commits) and the instructor copy
/// (every region holds its exercise's model answer, <see cref="Exercise.SolutionCode"/>). Both are made from the
/// notebooks and the exercise catalog, so they cannot drift apart.
/// </summary>
public static partial class CourseRelease
{
    /// <summary>The files beside the lessons that a copy needs to run (the set-up cells import them).</summary>
    public static IReadOnlyList<string> SupportFiles { get; } = ["setup.csx", "setup-library.csx", "README.md"];

    /// <summary>The lesson notebooks (<c>NN-name.ipynb</c>) of <paramref name="folder"/>, in course order.</summary>
    public static IReadOnlyList<string> Lessons(string folder) =>
        [.. Directory.GetFiles(folder, "*.ipynb").Where(p => IsLessonFile(Path.GetFileName(p))).Order(StringComparer.Ordinal)];

    /// <summary>True for a lesson's file name: two digits, a dash, lower-case words, <c>.ipynb</c>.</summary>
    public static bool IsLessonFile(string fileName) => LessonName().IsMatch(fileName);

    /// <summary>The lesson number ("02") of a lesson file or notebook name.</summary>
    public static string LessonNumber(string name) => Path.GetFileName(name)[..2];

    /// <summary>Every lesson of <paramref name="notebooks"/> in the released form, or with the model answers when <paramref name="solutions"/>.</summary>
    /// <exception cref="InvalidNotebookException">A lesson is not a valid notebook.</exception>
    /// <exception cref="FormatException">An exercise cell whose markers do not pair up, or that is not in the catalog.</exception>
    public static IReadOnlyList<ReleasedNotebook> Build(string notebooks, bool solutions) =>
        [.. Lessons(notebooks).Select(p => new ReleasedNotebook(Path.GetFileName(p), Form(NotebookDocument.Load(p), solutions)))];

    /// <summary>One notebook in a form.</summary>
    public static string Form(NotebookDocument notebook, bool solutions)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.Write(cell => cell.ExerciseId is not { } id ? cell.Source : solutions
            ? SolutionMarkers.Fill(cell.Source, Known(id, notebook).SolutionCode)
            : SolutionMarkers.Strip(cell.Source));
    }

    /// <summary>
    /// Writes every lesson of <paramref name="notebooks"/> in its form, and the support files, to <paramref name="outDir"/>
    /// (atomically, file by file); returns the lessons written.
    /// </summary>
    public static IReadOnlyList<ReleasedNotebook> Write(string notebooks, string outDir, bool solutions)
    {
        var lessons = Build(notebooks, solutions);
        Directory.CreateDirectory(outDir);
        foreach (var lesson in lessons)
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, lesson.FileName), lesson.Text);
        }

        foreach (var file in SupportFiles.Where(f => File.Exists(Path.Combine(notebooks, f))))
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, file), File.ReadAllText(Path.Combine(notebooks, file)));
        }

        return lessons;
    }

    private static Exercise Known(string id, NotebookDocument notebook) =>
        ExerciseCatalog.All.FirstOrDefault(e => e.Id == id)
        ?? throw new FormatException($"{notebook.Name}: the cell of exercise {id} names an exercise that lib/MultiLabel/Exercises does not have.");

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+\.ipynb$")]
    private static partial Regex LessonName();
}
