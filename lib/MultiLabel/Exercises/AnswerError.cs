using System.Reflection;

namespace MultiLabel.Exercises;

/// <summary>An exception that an answer threw, as plain data: its type name and the first line of its message.</summary>
/// <param name="Type">The exception's type name (e.g. <c>NotImplementedException</c>), or <see cref="ImproperAnswer"/>.</param>
/// <param name="Message">The first line of its message (native stack traces left out).</param>
public sealed record AnswerError(string Type, string Message)
{
    /// <summary>The type name of an answer that still throws <see cref="NotImplementedException"/>: not attempted.</summary>
    public const string NotImplemented = nameof(NotImplementedException);

    /// <summary>The type name of an answer the observation could not use (it returned null, or a value of the wrong kind).</summary>
    public const string ImproperAnswer = "ImproperAnswer";

    private const int MaxMessageLength = 400;

    /// <summary>True when the answer has not been written yet (it throws <see cref="NotImplementedException"/>).</summary>
    public bool IsNotImplemented => Type == NotImplemented;

    /// <summary>The plain-data form of <paramref name="exception"/> (reflection and aggregate wrappers removed).</summary>
    public static AnswerError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception;
        while (inner is TargetInvocationException or AggregateException && inner.InnerException is { } next)
        {
            inner = next;
        }

        var firstLine = inner.Message.Split('\n', 2)[0].Trim();
        if (firstLine.Length > MaxMessageLength)
        {
            firstLine = firstLine[..MaxMessageLength] + "...";
        }

        return new AnswerError(inner is ImproperAnswerException ? ImproperAnswer : inner.GetType().Name, firstLine);
    }
}

/// <summary>Thrown by an observation when the answer's result cannot be observed (null, wrong kind); its message says why.</summary>
public sealed class ImproperAnswerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImproperAnswerException()
    {
    }

    /// <summary>Creates the exception with the message the learner sees.</summary>
    public ImproperAnswerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the learner sees and its cause.</summary>
    public ImproperAnswerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
