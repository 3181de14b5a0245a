namespace MultiLabel.Data.Downloads;

/// <summary>
/// A dataset is not in the cache and cannot be downloaded (offline, or every mirror failed). The message lists the
/// exact files, their sizes, sha256 and URLs, and the folder to put them in by hand.
/// </summary>
public sealed class DatasetUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DatasetUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DatasetUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A download finished but is not the expected file (wrong size or sha256); the partial file was deleted.</summary>
public sealed class DownloadVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DownloadVerificationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DownloadVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DownloadVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An archive holds an entry that would be written outside the extraction folder (or a link or device); nothing was extracted.</summary>
public sealed class UnsafeArchiveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnsafeArchiveException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnsafeArchiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UnsafeArchiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Progress of one file's download.</summary>
/// <param name="File">The file name.</param>
/// <param name="Received">Bytes present so far (resumed bytes included).</param>
/// <param name="Total">Expected size, when known.</param>
public sealed record DownloadProgress(string File, long Received, long? Total);
