using MultiLabel.Runtime;
using TorchSharp;

namespace MultiLabel.Cli.Commands;

/// <summary>The <c>--device</c> option shared by train, predict and bench metrics: checked when parsed, resolved
/// before any work so that an unavailable device is a usage error (exit 2), never a stack trace.</summary>
internal static class DeviceOption
{
    /// <summary>The option's help text.</summary>
    public const string Description = "auto (CUDA when available), cpu, cuda or cuda:N.";

    /// <summary>The error message for an unknown device name, or null when the name is valid.</summary>
    public static string? Validate(string device) =>
        TorchRuntime.IsDeviceName(device) ? null : $"--device must be auto, cpu, cuda or cuda:N (got '{device}').";

    /// <summary>Resolves the device; an unavailable CUDA device becomes a <see cref="UsageException"/>.</summary>
    public static torch.Device Resolve(string device)
    {
        try
        {
            return TorchRuntime.ResolveDevice(device);
        }
        catch (Exception ex) when (ex is DeviceUnavailableException or ArgumentException)
        {
            throw new UsageException($"--device: {ex.Message}", ex);
        }
    }
}
