namespace MultiLabel.Training;

/// <summary>The device cannot compute in the precision a recipe asks for; the message says why and what to use instead.</summary>
public sealed class PrecisionUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PrecisionUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PrecisionUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PrecisionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
