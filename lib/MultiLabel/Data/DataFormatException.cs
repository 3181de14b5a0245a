namespace MultiLabel.Data;

/// <summary>
/// Bad input in a data file (label CSV, IDX file, annotation): the message starts with <c>file:line:</c> when the
/// line is known, so an editor or a terminal can jump to it.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for line <paramref name="line"/> (1-based; null when not about one line) of <paramref name="fileName"/>.</summary>
    public DataFormatException(string fileName, int? line, string reason, Exception? innerException = null)
        : base(line is { } l ? $"{fileName}:{l}: {reason}" : $"{fileName}: {reason}", innerException)
    {
        FileName = fileName;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file with the problem.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line, when the problem is on one line.</summary>
    public int? Line { get; }

    /// <summary>The problem, without the location.</summary>
    public string? Reason { get; }
}
