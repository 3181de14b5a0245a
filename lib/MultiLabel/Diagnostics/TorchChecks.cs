using System.Reflection;
using MultiLabel.Runtime;
using TorchSharp;

namespace MultiLabel.Diagnostics;

/// <summary>TorchSharp and libtorch, the backend in use and the CUDA devices.</summary>
internal static class TorchChecks
{
    /// <summary>The environment variable that chooses the backend for the build, the tests and the notebooks.</summary>
    public const string BackendVariable = "TorchBackend";

    public static IEnumerable<HealthCheck> Run()
    {
        var managed = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";
        try
        {
            TorchRuntime.EnsureLoaded();
        }
        catch (TorchRuntimeException ex)
        {
            return [new HealthCheck("TorchSharp", HealthStatus.Failed, $"TorchSharp {managed} cannot load its native backend: {ex.Message}", "Fix the check above (libstdc++), then run mlc doctor again.")];
        }

        var checks = new List<HealthCheck>
        {
            new("TorchSharp", HealthStatus.Ok, $"TorchSharp {managed}, libtorch {torch.__version__}, {torch.get_num_threads()} CPU threads"),
        };
        checks.AddRange(Backend());
        return checks;
    }

    private static IEnumerable<HealthCheck> Backend()
    {
        bool cudaLibraries = CudaLibrariesPresent();
        var chosen = Environment.GetEnvironmentVariable(BackendVariable)?.Trim().ToLowerInvariant();
        string package = cudaLibraries ? "a CUDA package (TorchSharp-cuda-*)" : "TorchSharp-cpu";
        if (chosen is not null && chosen is not ("cpu" or "cuda-linux" or "cuda-windows"))
        {
            yield return new HealthCheck("backend", HealthStatus.Failed, $"{BackendVariable}={chosen} is not a backend",
                $"Set {BackendVariable} to cpu, cuda-windows or cuda-linux (or leave it unset for cpu).");
        }
        else if (chosen is "cuda-linux" or "cuda-windows" && !cudaLibraries)
        {
            yield return new HealthCheck("backend", HealthStatus.Failed, $"{BackendVariable}={chosen}, but this program was built with TorchSharp-cpu",
                $"Rebuild with the same choice: `dotnet build MultiLabelCourse.sln -c Release -p:TorchBackend={chosen}` (or export {BackendVariable} before building).");
        }
        else
        {
            yield return new HealthCheck("backend", HealthStatus.Info, $"{package}{(chosen is null ? $" ({BackendVariable} not set: cpu)" : $" ({BackendVariable}={chosen})")}");
        }

        int count = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        var gpus = ExternalCommand.Output("nvidia-smi", ["--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"]);
        var described = gpus is null ? "" : " (nvidia-smi: " + string.Join("; ", gpus.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) + ")";
        if (count > 0)
        {
            yield return new HealthCheck("CUDA devices", HealthStatus.Ok, $"{count} device(s){described}");
        }
        else if (cudaLibraries)
        {
            yield return new HealthCheck("CUDA devices", HealthStatus.Failed, $"the CUDA backend is in use but no CUDA device is available{described}",
                "Install or update the NVIDIA driver (R570 or newer for the CUDA 12.8 build of libtorch 2.10; `nvidia-smi` must list the GPU), or use the CPU backend.");
        }
        else
        {
            yield return new HealthCheck("CUDA devices", HealthStatus.Info,
                gpus is null ? "none (CPU backend; no NVIDIA driver found)" : $"none in use: the CPU backend is loaded, but this machine has an NVIDIA GPU{described}",
                gpus is null ? null : $"To train on the GPU, build with -p:TorchBackend={(OperatingSystem.IsWindows() ? "cuda-windows" : "cuda-linux")} (README, 'Other platforms').");
        }
    }

    /// <summary>True when libtorch's CUDA library is loaded in this process (only the CUDA packages bring it).</summary>
    private static bool CudaLibrariesPresent()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.Modules.Cast<System.Diagnostics.ProcessModule>()
            .Any(m => m.ModuleName is "libtorch_cuda.so" or "torch_cuda.dll");
    }
}
