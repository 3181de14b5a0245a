namespace MultiLabel.Imaging;

/// <summary>
/// An image could not be decoded: the file is missing, truncated, corrupt, in an unknown format or larger than the
/// pixel limit. <see cref="Exception.Message"/> names the file and the reason.
/// </summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageDecodeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ImageDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ImageDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="fileName"/> (a path or a name).</summary>
    public ImageDecodeException(string fileName, string reason, Exception? innerException = null)
        : base($"Cannot decode image '{fileName}': {reason}", innerException)
    {
        FileName = fileName;
        Reason = reason;
    }

    /// <summary>The file (or name) that failed, when known.</summary>
    public string? FileName { get; }

    /// <summary>Why it failed, without the file name.</summary>
    public string? Reason { get; }
}
