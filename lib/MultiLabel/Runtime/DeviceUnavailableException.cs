namespace MultiLabel.Runtime;

/// <summary>
/// A CUDA device was asked for but this process cannot use one (a CPU-only TorchSharp backend, no NVIDIA driver,
/// or no device with that index); the message says which build or device to use instead.
/// </summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
