using System.Net;
using MultiLabel.Viz;

namespace MultiLabel.Exercises;

/// <summary>The outcome of checking an exercise.</summary>
public enum CheckStatus
{
    /// <summary>The answer still throws <see cref="NotImplementedException"/>.</summary>
    NotAttempted,

    /// <summary>The answer ran but is not right yet (or threw another exception).</summary>
    Failed,

    /// <summary>The answer is right.</summary>
    Passed,
}

/// <summary>What <c>Check</c> found: shown as a green, red or grey box in a notebook.</summary>
/// <param name="ExerciseId">The exercise id, e.g. "02.1".</param>
/// <param name="Title">The exercise title.</param>
/// <param name="Points">Points the exercise is worth.</param>
/// <param name="Status">Passed, failed or not attempted.</param>
/// <param name="Message">What to do next; for a failure, what is wrong without giving the expected value away.</param>
public sealed record CheckResult(string ExerciseId, string Title, int Points, CheckStatus Status, string Message) : IDisplayable
{
    /// <summary>The marker notebooks' HTML carries (<c>data-mlc-check="passed"</c>) so tools can read results.</summary>
    public string StatusName => Status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        _ => "not-attempted",
    };

    /// <inheritdoc />
    public DisplayContent ToDisplayContent()
    {
        var (colour, background, heading) = Status switch
        {
            CheckStatus.Passed => ("#1a7f37", "#e9f7ec", $"Correct: {Points} point{(Points == 1 ? string.Empty : "s")}"),
            CheckStatus.Failed => ("#c62828", "#fdecea", "Not yet"),
            _ => ("#666", "#f3f3f3", "Not attempted yet"),
        };
        var html = $"<div data-mlc-check=\"{StatusName}\" data-mlc-exercise=\"{WebUtility.HtmlEncode(ExerciseId)}\" " +
                   $"style=\"border-left:4px solid {colour};background:{background};padding:6px 10px;margin:4px 0;font:14px/1.4 sans-serif\">" +
                   $"<strong style=\"color:{colour}\">{WebUtility.HtmlEncode(heading)}</strong> · exercise {WebUtility.HtmlEncode(ExerciseId)}: " +
                   $"{WebUtility.HtmlEncode(Title)}<br/>{WebUtility.HtmlEncode(Message)}</div>";
        return new DisplayContent(html, $"[{StatusName}] exercise {ExerciseId} ({Title}): {heading}. {Message}");
    }
}
