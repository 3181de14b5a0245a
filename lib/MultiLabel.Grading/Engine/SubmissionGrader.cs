using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MultiLabel.Exercises;
using MultiLabel.Grading.Release;

namespace MultiLabel.Grading.Engine;

/// <summary>
/// Grades a folder of notebooks. The parent (this process) plans the work from the course and the catalog, starts
/// ONE child (<see cref="ChildLocator"/>) that runs the learner's notebooks in a scratch folder, with no network
/// where the OS allows it, and reads back only observations; it computes the reference observations and judges
/// itself (<see cref="CaseJudge"/>). A cell or exercise that runs past its budget, a child that dies or goes over the
/// memory cap fails what was running (timed_out, crashed) and a fresh child goes on with the rest, leaving out the
/// cell that killed the last one. A dead or hung child never yields a pass.
/// </summary>
public static class SubmissionGrader
{
    /// <summary>How long the child may take to load libtorch and the kernel (not charged to any exercise).</summary>
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(180);

    /// <summary>MLC_GRADE_DEBUG=1: every failing cell's errors go to stderr (for instructors checking a lesson).</summary>
    private static bool Debug => Environment.GetEnvironmentVariable("MLC_GRADE_DEBUG") == "1";

    /// <summary>Grades <paramref name="submission"/>; never throws for anything in the submission.</summary>
    /// <exception cref="DirectoryNotFoundException">The submission folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The child is not built.</exception>
    public static GradeReport Grade(string submission, GradeOptions options)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(submission))
        {
            throw new DirectoryNotFoundException($"The submission folder {submission} does not exist.");
        }

        int seed = options.HiddenSeed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var plans = SubmissionPlanner.Plan(Path.GetFullPath(submission), options, seed);
        if (plans.Any(p => p.Pending.Any()))
        {
            RunChildren(plans, options);
        }

        var grades = plans.SelectMany(p => p.Exercises.Select(e => e.Grade ?? Conclude(p, e))).ToList();
        return GradeReport.Of(grades);
    }

    private static void RunChildren(IReadOnlyList<NotebookPlan> plans, GradeOptions options)
    {
        var child = ChildLocator.Find(options.CourseNotebooks, options.ChildPath);
        var setupLibrary = File.ReadAllText(Path.Combine(options.CourseNotebooks, "setup-library.csx"));
        var scratch = Directory.CreateTempSubdirectory("mlc-grade-");
        try
        {
            for (int start = 0; start < options.MaxChildStarts && plans.Any(p => p.Pending.Any()); start++)
            {
                RunOneChild(child, setupLibrary, scratch.FullName, plans, options);
            }

            foreach (var e in plans.SelectMany(p => p.Pending).ToList())
            {
                e.Grade = e.Final(GradeStatus.Crashed, "The grader gave up after too many crashed or timed-out child processes; this exercise was not run.");
            }
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still held open by a dying child; the temp folder is cleaned later
            }
        }
    }

    /// <summary>Runs one child on everything still pending; returns when it is done, dead or killed.</summary>
    private static void RunOneChild(string childDll, string setupLibrary, string scratch, IReadOnlyList<NotebookPlan> plans, GradeOptions options)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var work = plans.Where(p => p.Pending.Any()).ToList();
        var job = new ChildJob(token, setupLibrary, [.. work.Select(p => new NotebookJob(p.Name,
            [.. p.Cells.Where(c => !p.FatalCells.ContainsKey(c.Number))],
            [.. p.Pending.Select(e => e.Job!)]))]);
        var home = Directory.CreateDirectory(Path.Combine(scratch, "run-" + token[..8])).FullName;
        var environment = new Dictionary<string, string>
        {
            ["MLC_FAST"] = "1",
            [Exercise.ExamVariable] = "1",
            [Exercise.GradingChildVariable] = "1",
            [ExerciseProgress.EnvironmentVariable] = Path.Combine(home, "progress.json"),
            ["MLC_DISPLAY_DIR"] = Path.Combine(home, "display"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        using var process = ChildProcess.Start(childDll, home, job, options.NoNetwork, environment);
        var current = new Running(null, 0, null, Stopwatch.StartNew());
        var timeout = StartupTimeout;
        while (true)
        {
            var outcome = process.Next(timeout, options.MemoryLimitMb, out var e);
            if (outcome != ChildWait.Event)
            {
                Blame(current, outcome, process, options, work);
                return;
            }

            var plan = work.FirstOrDefault(p => p.Name == e!.Notebook);
            switch (e!.Kind)
            {
                case ChildEvents.CellStart:
                    current = new Running(plan, e.Cell, null, Stopwatch.StartNew());
                    timeout = options.CellTimeout;
                    break;
                case ChildEvents.CellEnd when plan is not null:
                    plan.CellErrors[e.Cell] = e.Errors ?? [];
                    if (Debug && e.Errors is { Count: > 0 } errors)
                    {
                        Console.Error.WriteLine($"mlc grade: {plan.Name}, cell {e.Cell}: {string.Join(" ", errors)}");
                    }

                    plan.CellSeconds[e.Cell] = current.Clock.Elapsed.TotalSeconds;
                    current = current with { Cell = 0 };
                    timeout = options.CellTimeout;
                    break;
                case ChildEvents.ExerciseStart when plan is not null:
                    current = new Running(plan, 0, plan.Exercises.FirstOrDefault(x => x.Exercise.Id == e.ExerciseId), Stopwatch.StartNew());
                    timeout = options.ExerciseTimeout;
                    break;
                case ChildEvents.ExerciseEnd when current.Exercise is { } done:
                    done.Seconds += current.Clock.Elapsed.TotalSeconds;
                    done.Observations = e.Observations;
                    done.Problem = e.Observations is null ? e.Problem ?? "no observations" : null;
                    current = current with { Exercise = null };
                    timeout = options.CellTimeout;
                    break;
                case ChildEvents.Done:
                    return;
                default:
                    break;
            }
        }
    }

    /// <summary>What was running when the child hung, died or went over the cap gets the blame; the rest stays pending.</summary>
    private static void Blame(Running current, ChildWait outcome, ChildProcess process, GradeOptions options, IReadOnlyList<NotebookPlan> work)
    {
        var (status, reason) = outcome switch
        {
            ChildWait.TimedOut => (GradeStatus.TimedOut, string.Create(CultureInfo.InvariantCulture,
                $"timed out after {(current.Exercise is null ? options.CellTimeout : options.ExerciseTimeout).TotalSeconds:0} s")),
            ChildWait.MemoryExceeded => (GradeStatus.Crashed, string.Create(CultureInfo.InvariantCulture, $"exceeded {options.MemoryLimitMb} MB of memory")),
            _ => (GradeStatus.Crashed, $"crashed: the process running it ended (exit code {process.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}){LastWords(process)}"),
        };
        if (current.Exercise is { } exercise)
        {
            exercise.Seconds += current.Clock.Elapsed.TotalSeconds;
            exercise.Grade = exercise.Final(status, $"Running your function on the cases {reason}.");
            return;
        }

        if (current.Plan is { } plan && current.Cell > 0)
        {
            plan.FatalCells[current.Cell] = reason;
            foreach (var e in plan.Exercises.Where(x => x.Grade is null && x.Cell?.Number == current.Cell))
            {
                e.Seconds += current.Clock.Elapsed.TotalSeconds;
                e.Grade = e.Final(status, $"Cell {current.Cell} (the exercise's cell) {reason}.");
            }

            return;
        }

        // Not inside any cell or exercise: the child itself could not start or set up. Nothing of the learner's ran
        // yet, so every pending exercise is marked, with the child's last words for the instructor.
        foreach (var e in work.SelectMany(p => p.Pending).ToList())
        {
            e.Grade = e.Final(GradeStatus.Crashed, $"The grader's child process failed before running any cell ({reason}).");
        }
    }

    private static ExerciseGrade Conclude(NotebookPlan plan, PlannedExercise e)
    {
        var cell = e.Cell!.Number;
        e.Seconds += plan.CellSeconds.GetValueOrDefault(cell);
        var errors = plan.CellErrors.GetValueOrDefault(cell) ?? [];
        if (e.Observations is { } observations)
        {
            return CaseJudge.Judge(e, observations);
        }

        var fatal = plan.FatalCells.Where(f => f.Key < cell).Select(f => $" (cell {f.Key} {f.Value} and was left out)").FirstOrDefault() ?? string.Empty;
        if (errors.Any(CaseJudge.IsCompileError))
        {
            return e.Final(GradeStatus.CompileError, $"Cell {cell} does not compile: {string.Join(" ", errors)}");
        }

        if (errors.Count > 0)
        {
            return e.Final(GradeStatus.Failed, $"Cell {cell} failed: {string.Join(" ", errors)}");
        }

        return e.Problem is { } problem
            ? e.Final(GradeStatus.CompileError, $"The exercise's function could not be used as the check line uses it ({e.Job!.Receiver}.Check({e.Job.Answer})): {problem}{fatal}")
            : e.Final(GradeStatus.Crashed, "The grader's child never reached this exercise." + fatal);
    }

    /// <summary>The runtime's own last words, else the last line of stderr that is not a stack frame.</summary>
    private static string LastWords(ChildProcess process)
    {
        var said = process.RuntimeMessage ?? process.ErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal));
        return said is null ? string.Empty : ": " + (said.Length > 300 ? said[..300] + "..." : said);
    }

    private sealed record Running(NotebookPlan? Plan, int Cell, PlannedExercise? Exercise, Stopwatch Clock);
}
