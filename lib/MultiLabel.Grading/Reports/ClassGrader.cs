using MultiLabel.Grading.Engine;

namespace MultiLabel.Grading.Reports;

/// <summary>One learner's grade in a class.</summary>
/// <param name="Learner">The learner's folder name.</param>
/// <param name="Report">The grade.</param>
public sealed record LearnerGrade(string Learner, GradeReport Report);

/// <summary>A whole class's grades, learners in name order.</summary>
/// <param name="Learners">Every learner's grade.</param>
public sealed record ClassGrades(IReadOnlyList<LearnerGrade> Learners);

/// <summary>Grades every learner's folder of a class folder, several at a time (each in its own child process).</summary>
public static class ClassGrader
{
    /// <summary>Grades each sub-folder of <paramref name="classDir"/>, at most <paramref name="parallelism"/> at once.</summary>
    public static ClassGrades Grade(string classDir, GradeOptions options, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folders = Directory.GetDirectories(classDir).Order(StringComparer.Ordinal).ToList();
        var grades = new LearnerGrade[folders.Count];
        Parallel.For(0, folders.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            i => grades[i] = new LearnerGrade(Path.GetFileName(folders[i]), SubmissionGrader.Grade(folders[i], options)));
        return new ClassGrades(grades);
    }
}
