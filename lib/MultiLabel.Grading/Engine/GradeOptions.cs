namespace MultiLabel.Grading.Engine;

/// <summary>How a submission is graded.</summary>
public sealed record GradeOptions
{
    /// <summary>The default time budget of one cell, in seconds (fast-mode training cells take well under a minute on 2 cores).</summary>
    public const int DefaultCellSeconds = 180;

    /// <summary>The default time budget of one exercise's cases, in seconds.</summary>
    public const int DefaultExerciseSeconds = 60;

    /// <summary>The default memory cap of the child, in MB (it needs about 1 GB for the kernel and libtorch).</summary>
    public const int DefaultMemoryMb = 4096;

    /// <summary>The course's notebooks folder (released lessons: the exercises' check lines are read from it).</summary>
    public required string CourseNotebooks { get; init; }

    /// <summary>The seed of the hidden cases; null: a fresh random one per grading run.</summary>
    public int? HiddenSeed { get; init; }

    /// <summary>Only these lessons ("00", "02"); null: every lesson of the course.</summary>
    public IReadOnlySet<string>? Lessons { get; init; }

    /// <summary>Time budget of one cell.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(DefaultCellSeconds);

    /// <summary>Time budget of one exercise's cases.</summary>
    public TimeSpan ExerciseTimeout { get; init; } = TimeSpan.FromSeconds(DefaultExerciseSeconds);

    /// <summary>Resident memory above which the child is killed, in MB.</summary>
    public int MemoryLimitMb { get; init; } = DefaultMemoryMb;

    /// <summary>A folder of instructor-only cases (<c>NN.k.json</c>: a list of cases), never shipped in notebooks/; null: none.</summary>
    public string? ExtraChecks { get; init; }

    /// <summary>The child executable (mlc-grade-child.dll); null: found beside the course (<see cref="ChildLocator"/>).</summary>
    public string? ChildPath { get; init; }

    /// <summary>Run the child without network (<c>unshare -n</c>) where the OS allows it.</summary>
    public bool NoNetwork { get; init; } = true;

    /// <summary>Most child starts for one submission (a fresh child after each crash or time-out).</summary>
    public int MaxChildStarts { get; init; } = 12;
}
