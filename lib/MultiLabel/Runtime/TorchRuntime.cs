using TorchSharp;

namespace MultiLabel.Runtime;

/// <summary>
/// The one place that loads TorchSharp's native backend. Call <see cref="EnsureLoaded"/> before the first tensor:
/// when the native library cannot load it throws a <see cref="TorchRuntimeException"/> whose message names the
/// real cause (for instance the missing GLIBCXX version) and the fix.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static Exception? loadFailure;
    private static bool loaded;

    /// <summary>Loads the native backend once per process; later calls return at once.</summary>
    /// <exception cref="TorchRuntimeException">The backend cannot load; the message explains why.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded)
            {
                return;
            }

            if (loadFailure is not null)
            {
                throw loadFailure;
            }

            // Any first use loads the backend; a tiny tensor is the cheapest.
            loadFailure = Probe(static () => torch.zeros(1).Dispose(), NativeRuntimeDiagnosis.InspectThisMachine);
            if (loadFailure is not null)
            {
                throw loadFailure;
            }

            loaded = true;
        }
    }

    /// <summary>
    /// Runs the first load with the console captured: when it fails, TorchSharp prints its own long "doesn't contain a
    /// reference to libtorch-cpu-linux-x64" text, which blames a missing package when the real cause is usually an old
    /// libstdc++. The user sees only the one message of <see cref="Explain"/>; on success anything printed is passed on.
    /// </summary>
    /// <returns>null when the load worked, else the exception to throw.</returns>
    internal static TorchRuntimeException? Probe(Action load, Func<NativeRuntimeDiagnosis?> diagnose)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(diagnose);
        var original = Console.Out;
        using var captured = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Console.SetOut(captured);
        try
        {
            load();
        }
#pragma warning disable CA1031 // Any load failure is translated into one clear message.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Explain(ex, diagnose());
        }
        finally
        {
            Console.SetOut(original);
        }

        original.Write(captured.ToString());
        return null;
    }

    /// <summary>Turns a load failure into the exception the user sees.</summary>
    internal static TorchRuntimeException Explain(Exception failure, NativeRuntimeDiagnosis? diagnosis)
    {
        if (diagnosis is { LibStdCxxTooOld: true })
        {
            return new TorchRuntimeException(diagnosis.Describe(), failure);
        }

        return new TorchRuntimeException(
            "TorchSharp cannot load its native backend: " + failure.Message +
            " Check that the executable references exactly one of TorchSharp-cpu, TorchSharp-cuda-windows or " +
            "TorchSharp-cuda-linux (all 0.107.0), and run `bash scripts/setup.sh --check` on Linux.",
            failure);
    }

    /// <summary>True when a CUDA device can be used (loads the backend first).</summary>
    public static bool IsCudaAvailable
    {
        get
        {
            EnsureLoaded();
            return torch.cuda.is_available();
        }
    }

    /// <summary>
    /// Resolves a device name: "auto" picks CUDA when available, else CPU; "cpu", "cuda" and "cuda:N" are taken
    /// as given (CUDA, and device N, must be available).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not auto, cpu, cuda or cuda:N.</exception>
    /// <exception cref="DeviceUnavailableException">CUDA or the CUDA device N was asked for but is not available.</exception>
    public static torch.Device ResolveDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        if (!IsDeviceName(lower))
        {
            throw new ArgumentException($"Unknown device '{name}': use auto, cpu, cuda or cuda:N.", nameof(name));
        }

        EnsureLoaded();
        if (lower == "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }

        if (lower == "cpu")
        {
            return torch.CPU;
        }

        if (!torch.cuda.is_available())
        {
            throw new DeviceUnavailableException(
                $"Device '{name}' was asked for but CUDA is not available: this build uses the TorchSharp-cpu " +
                "backend or no NVIDIA driver was found. Use --device cpu (or auto), or build with " +
                "-p:TorchBackend=cuda-windows or cuda-linux (see README).");
        }

        var index = lower.Length > 5 ? int.Parse(lower.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var count = torch.cuda.device_count();
        if (index >= count)
        {
            throw new DeviceUnavailableException(
                $"Device '{name}' was asked for but this machine has {count} CUDA device(s), numbered from 0.");
        }

        return torch.device(lower);
    }

    /// <summary>Whether <paramref name="name"/> is a device name <see cref="ResolveDevice"/> understands
    /// (auto, cpu, cuda, cuda:N; any case), without loading the native runtime.</summary>
    public static bool IsDeviceName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        return lower is "auto" or "cpu" or "cuda"
            || (lower.StartsWith("cuda:", StringComparison.Ordinal) && lower.Length is > 5 and <= 7 && lower.AsSpan(5).IndexOfAnyExceptInRange('0', '9') < 0);
    }
}
