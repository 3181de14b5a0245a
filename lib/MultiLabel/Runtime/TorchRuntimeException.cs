namespace MultiLabel.Runtime;

/// <summary>TorchSharp's native runtime could not be loaded; the message says why and how to fix it.</summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchRuntimeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TorchRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the original failure.</summary>
    public TorchRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
