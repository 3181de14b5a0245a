using System.Globalization;
using System.Net;
using MultiLabel.Runtime;
using MultiLabel.Viz;
using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>
/// An in-notebook exercise in the Kaggle Learn style: the learner writes a function in the exercise cell, between
/// the solution markers (see <see cref="SolutionMarkers"/>), and calls <c>Check</c>; <see cref="Hint"/> gives
/// hints one level at a time and <see cref="Solution"/> shows a model answer.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public abstract class Exercise
{
    /// <summary>Creates the exercise.</summary>
    /// <param name="id">"NN.k": lesson number and exercise number, e.g. "02.1".</param>
    /// <param name="title">A short title.</param>
    /// <param name="points">Points it is worth.</param>
    /// <param name="hints">Hints from gentle to explicit.</param>
    /// <param name="solutionCode">The code that goes between the solution markers (a model answer).</param>
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

    /// <summary>The hints, gentle first.</summary>
    public IReadOnlyList<string> Hints { get; }

    /// <summary>A model answer: the code between the solution markers.</summary>
    public string SolutionCode { get; }

    /// <summary>The result of the last check in this process, or null.</summary>
    public CheckResult? LastResult { get; private set; }

    /// <summary>Shows hint number <paramref name="level"/> (1 = gentle); past the last one, the last one.</summary>
    public void Hint(int level = 1)
    {
        int shown = Math.Clamp(level, 1, Hints.Count);
        var text = string.Create(CultureInfo.InvariantCulture, $"Hint {shown} of {Hints.Count} for exercise {Id}: {Hints[shown - 1]}");
        if (shown < Hints.Count)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (more: Hint({shown + 1}))");
        }

        var html = "<div style=\"border-left:4px solid #1565c0;background:#e8f0fe;padding:6px 10px;margin:4px 0;font:14px/1.4 sans-serif\">" +
                   WebUtility.HtmlEncode(text) + "</div>";
        Display.Show(new Shown(new DisplayContent(html, text)));
    }

    /// <summary>Shows a model answer (try the hints first).</summary>
    public void Solution()
    {
        var text = $"Solution of exercise {Id} ({Title}): put this between the solution markers:\n{SolutionCode}";
        var html = "<div style=\"border-left:4px solid #6a1b9a;background:#f5eefa;padding:6px 10px;margin:4px 0;font:14px/1.4 sans-serif\">" +
                   $"<strong>Solution of exercise {WebUtility.HtmlEncode(Id)}</strong>: put this between the solution markers:" +
                   $"<pre style=\"margin:4px 0\"><code>{WebUtility.HtmlEncode(SolutionCode)}</code></pre></div>";
        Display.Show(new Shown(new DisplayContent(html, text)));
    }

    /// <summary>
    /// Runs a check: <paramref name="verify"/> calls the learner's code and returns null when it is right or a
    /// message that helps without giving the expected value away. A <see cref="NotImplementedException"/> means
    /// "not attempted yet"; any other exception is reported as a failure. Never throws.
    /// </summary>
    protected CheckResult Evaluate(Func<string?> verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        CheckResult result;
        try
        {
            TorchRuntime.EnsureLoaded();
            using var scope = NewDisposeScope();
            var failure = verify();
            result = failure is null
                ? new CheckResult(Id, Title, Points, CheckStatus.Passed, "Well done.")
                : new CheckResult(Id, Title, Points, CheckStatus.Failed, failure + $" (Stuck? Run Hint() on the exercise.)");
        }
        catch (NotImplementedException)
        {
            result = new CheckResult(Id, Title, Points, CheckStatus.NotAttempted,
                "Replace `throw new NotImplementedException();` between the solution markers with your code, then run the cell again.");
        }
#pragma warning disable CA1031 // A learner's code can throw anything; the notebook must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var inner = ex is System.Reflection.TargetInvocationException { InnerException: { } i } ? i : ex;
            result = new CheckResult(Id, Title, Points, CheckStatus.Failed, $"Your code threw {inner.GetType().Name}: {inner.Message}");
        }

        LastResult = result;
        return result;
    }

    /// <summary>Content shown as is.</summary>
    private sealed record Shown(DisplayContent Content) : IDisplayable
    {
        public DisplayContent ToDisplayContent() => Content;
    }
}

/// <summary>An exercise whose answer is a function of type <typeparamref name="TAnswer"/> (a delegate).</summary>
/// <typeparam name="TAnswer">The delegate type of the learner's function, e.g. <c>Func&lt;Tensor, Tensor&gt;</c>.</typeparam>
public sealed class Exercise<TAnswer> : Exercise
    where TAnswer : Delegate
{
    private readonly Func<TAnswer, string?> verify;

    /// <summary>Creates the exercise.</summary>
    /// <param name="id">"NN.k", e.g. "02.1".</param>
    /// <param name="title">A short title.</param>
    /// <param name="points">Points it is worth.</param>
    /// <param name="verify">Calls the answer on test inputs; returns null when right, else a helpful message.</param>
    /// <param name="hints">Hints from gentle to explicit.</param>
    /// <param name="solutionCode">The code that goes between the solution markers.</param>
    public Exercise(string id, string title, int points, Func<TAnswer, string?> verify, IReadOnlyList<string> hints, string solutionCode)
        : base(id, title, points, hints, solutionCode)
    {
        ArgumentNullException.ThrowIfNull(verify);
        this.verify = verify;
    }

    /// <summary>Checks <paramref name="answer"/> without showing anything (for tests and grading).</summary>
    public CheckResult Evaluate(TAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Evaluate(() => verify(answer));
    }

    /// <summary>Checks <paramref name="answer"/> and shows the result; never throws, so the notebook goes on.</summary>
    public void Check(TAnswer answer) => Display.Show(Evaluate(answer));
}
