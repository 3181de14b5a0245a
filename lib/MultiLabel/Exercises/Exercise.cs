using System.Globalization;
using System.Net;
using MultiLabel.Viz;

namespace MultiLabel.Exercises;

/// <summary>
/// An in-notebook exercise. The learner writes a function between the solution markers (see
/// <see cref="SolutionMarkers"/>) and calls <c>Check</c>, which runs three public, separable steps:
/// <list type="number">
/// <item><b>cases</b>: the notebook's example plus cases generated from a seed (<see cref="PublicSeed"/> in the
/// notebook; a grader passes a hidden one), as plain data;</item>
/// <item><b>observe</b>: run an answer on a case and record what it did (values, shapes, dtypes, the exception it
/// threw), knowing nothing of the expected result;</item>
/// <item><b>judge</b>: compare the learner's observation with the model answer's (observed the same way) and
/// return null or a message that reveals neither the expected value nor a generated case's inputs.</item>
/// </list>
/// The typed steps live in <see cref="Exercise{TAnswer, TInput, TObservation}"/>; this base class adds their JSON
/// forms for a grader that observes in an untrusted child process and judges in the parent. <see cref="Hint"/>
/// climbs from a nudge to the idea; only <see cref="Solution"/> shows code.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public abstract class Exercise
{
    /// <summary>The seed of the cases that the notebook's <c>Check</c> runs (a grader uses its own, hidden one).</summary>
    public const int PublicSeed = 20261203;

    /// <summary>Creates the exercise.</summary>
    /// <param name="id">"NN.k": lesson number and exercise number, e.g. "02.1".</param>
    /// <param name="title">A short title.</param>
    /// <param name="points">Points it is worth.</param>
    /// <param name="hints">Hints from a nudge to the idea; none writes the answer out.</param>
    /// <param name="solutionCode">The code that goes between the solution markers (the model answer's source).</param>
    protected Exercise(string id, string title, int points, IReadOnlyList<string> hints, string solutionCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentException.ThrowIfNullOrWhiteSpace(solutionCode);
        if (hints.Count == 0)
        {
            throw new ArgumentException("An exercise needs at least one hint.", nameof(hints));
        }

        Id = id;
        Title = title;
        Points = points;
        Hints = hints;
        SolutionCode = solutionCode.Trim('\n', '\r');
    }

    /// <summary>The id, e.g. "02.1" (also the cell metadata <c>exercise_id</c> and the <c>// EXERCISE</c> marker).</summary>
    public string Id { get; }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>Points it is worth (also the cell metadata <c>points</c>).</summary>
    public int Points { get; }

    /// <summary>The hints, from a nudge to the idea.</summary>
    public IReadOnlyList<string> Hints { get; }

    /// <summary>The model answer's source: the code between the solution markers.</summary>
    public string SolutionCode { get; }

    /// <summary>The delegate type of an answer, e.g. <c>Func&lt;Tensor, Tensor&gt;</c>.</summary>
    public abstract Type AnswerType { get; }

    /// <summary>The result of the last check in this process, or null (<see cref="ExerciseProgress"/> keeps results across restarts).</summary>
    public CheckResult? LastResult { get; private set; }

    /// <summary>Checks <paramref name="answer"/> (a delegate of <see cref="AnswerType"/>) on the cases of <paramref name="seed"/>; never throws.</summary>
    public abstract CheckResult Evaluate(Delegate answer, int seed = PublicSeed);

    /// <summary>Step 1 for a grader: the cases of <paramref name="seed"/>, each as JSON.</summary>
    public abstract IReadOnlyList<string> CasesJson(int seed);

    /// <summary>Step 2 for a grader (in the process that runs the learner's code): the observation of <paramref name="answer"/> on a case, as JSON.</summary>
    public abstract string ObserveJson(Delegate answer, string caseJson);

    /// <summary>Step 2 for the reference (in the grading process): the model answer's observation of a case, as JSON.</summary>
    public abstract string ObserveReferenceJson(string caseJson);

    /// <summary>Step 3 for a grader: null when the learner's observation of the case agrees with the reference, else the message to show.</summary>
    public abstract string? JudgeJson(string caseJson, string learnerJson, string referenceJson);

    /// <summary>
    /// The result of a whole check from its JSON cases and the learner's and reference observations (same order):
    /// not attempted when any case threw <see cref="NotImplementedException"/>, failed at the first case judged wrong,
    /// else passed. It is recorded like a notebook check.
    /// </summary>
    public CheckResult ConcludeJson(IReadOnlyList<string> cases, IReadOnlyList<string> learner, IReadOnlyList<string> reference)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(reference);
        if (learner.Count != cases.Count || reference.Count != cases.Count)
        {
            throw new ArgumentException("One learner and one reference observation per case are needed.", nameof(learner));
        }

        if (Enumerable.Range(0, cases.Count).Any(i => ThrewNotImplemented(learner[i])))
        {
            return Record(NotAttempted());
        }

        for (int i = 0; i < cases.Count; i++)
        {
            if (JudgeJson(cases[i], learner[i], reference[i]) is { } message)
            {
                return Record(Failed(message, i, cases.Count, DescriptionOf(cases[i])));
            }
        }

        return Record(Passed(cases.Count));
    }

    /// <summary>Shows hint number <paramref name="level"/> (1 = a nudge); past the last one, the last one.</summary>
    public void Hint(int level = 1)
    {
        int shown = Math.Clamp(level, 1, Hints.Count);
        var text = string.Create(CultureInfo.InvariantCulture, $"Hint {shown} of {Hints.Count} for exercise {Id}: {Hints[shown - 1]}");
        text += shown < Hints.Count
            ? string.Create(CultureInfo.InvariantCulture, $" (more: Hint({shown + 1}))")
            : " (still stuck? Solution() shows a model answer)";
        Display.Show(new ShownBox(Box("#1565c0", "#e8f0fe", WebUtility.HtmlEncode(text)), text));
    }

    /// <summary>Set to 1 by the grader in the child process that runs learners' notebooks (it holds no model answers).</summary>
    public const string GradingChildVariable = "MLC_GRADING_CHILD";

    /// <summary>
    /// True in the grader's child (<see cref="GradingChildVariable"/>): <c>Check</c> only says the grader checks, and
    /// <c>AnswerOrModel</c> returns the learner's answer, since the child holds no model answers to compare or fall back on.
    /// </summary>
    public static bool GradingChild => Environment.GetEnvironmentVariable(GradingChildVariable) == "1";

    /// <summary>The environment variable of exam mode: set to 1 (or true), <see cref="Solution"/> shows no answer.</summary>
    public const string ExamVariable = "MLC_EXAM";

    /// <summary>True in exam mode (<see cref="ExamVariable"/> is 1 or true); the grader's child always runs in it.</summary>
    public static bool ExamMode => Environment.GetEnvironmentVariable(ExamVariable)?.Trim() is "1" or "true" or "True";

    /// <summary>Shows the model answer's code (try the hints first); in exam mode, a line saying it is not available.</summary>
    public void Solution()
    {
        if (ExamMode)
        {
            var refused = $"Solution() is turned off in exam mode ({ExamVariable}): exercise {Id} shows no model answer. Hint() still helps.";
            Display.Show(new ShownBox(Box("#8a6d00", "#fff8e1", WebUtility.HtmlEncode(refused)), refused));
            return;
        }

        var text = $"Solution of exercise {Id} ({Title}): put this between the solution markers:\n{SolutionCode}";
        var html = $"<strong>Solution of exercise {WebUtility.HtmlEncode(Id)}</strong>: put this between the solution markers:" +
                   $"<pre style=\"margin:4px 0\"><code>{WebUtility.HtmlEncode(SolutionCode)}</code></pre>";
        Display.Show(new ShownBox(Box("#6a1b9a", "#f5eefa", html), text));
    }

    /// <summary>The result for an answer that still throws <see cref="NotImplementedException"/>.</summary>
    protected CheckResult NotAttempted() => new(Id, Title, Points, CheckStatus.NotAttempted,
        "Replace `throw new NotImplementedException();` between the solution markers with your code, then run the cell again.");

    /// <summary>The result for an answer that the judge rejected on case <paramref name="index"/> of <paramref name="count"/>.</summary>
    protected CheckResult Failed(string message, int index, int count, string description) => new(Id, Title, Points, CheckStatus.Failed,
        string.Create(CultureInfo.InvariantCulture, $"{message} (Case {index + 1} of {count}: {description}. Stuck? Run Hint() on the exercise.)"));

    /// <summary>The result for an answer that passed every case.</summary>
    protected CheckResult Passed(int count) => new(Id, Title, Points, CheckStatus.Passed,
        string.Create(CultureInfo.InvariantCulture, $"Well done: right on all {count} cases, the example and the generated ones."));

    /// <summary>Keeps <paramref name="result"/> as <see cref="LastResult"/> and in the progress file; returns it.</summary>
    protected CheckResult Record(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        LastResult = result;
        ExerciseProgress.Current.Record(result);
        return result;
    }

    /// <summary>True when a learner observation (JSON) says the answer threw <see cref="NotImplementedException"/>.</summary>
    protected abstract bool ThrewNotImplemented(string observationJson);

    /// <summary>The description of a case (JSON).</summary>
    protected abstract string DescriptionOf(string caseJson);

    /// <summary>A coloured box around <paramref name="innerHtml"/>.</summary>
    internal static string Box(string colour, string background, string innerHtml) =>
        $"<div style=\"border-left:4px solid {colour};background:{background};padding:6px 10px;margin:4px 0;font:14px/1.4 sans-serif\">{innerHtml}</div>";

    /// <summary>Content shown as is.</summary>
    internal sealed record ShownBox(string Html, string Text) : IDisplayable
    {
        public DisplayContent ToDisplayContent() => new(Html, Text);
    }
}
