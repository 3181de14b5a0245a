using System.Runtime.InteropServices;
using System.Text.Json;
using MultiLabel.Runtime;

namespace MultiLabel.Diagnostics;

/// <summary>Operating system, .NET SDK and the native C++ runtime TorchSharp needs.</summary>
internal static class SystemChecks
{
    public static IEnumerable<HealthCheck> Run(string? root)
    {
        yield return new HealthCheck("operating system", HealthStatus.Info, $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        yield return Sdk(root);
        yield return LibStdCxx();
    }

    private static HealthCheck Sdk(string? root)
    {
        var version = ExternalCommand.Output("dotnet", ["--version"], root);
        string runtime = $".NET runtime {Environment.Version}";
        if (version is null)
        {
            return new HealthCheck(".NET SDK", HealthStatus.Failed, $"`dotnet --version` failed ({runtime})",
                "Install the .NET 10 SDK (https://dot.net); the course folder's global.json asks for 10.0.100 or a later 10.0 feature band.");
        }

        var wanted = root is null ? null : WantedSdk(Path.Combine(root, "global.json"));
        return version.StartsWith("10.", StringComparison.Ordinal)
            ? new HealthCheck(".NET SDK", HealthStatus.Ok, $"{version}{(wanted is null ? "" : $" (global.json: {wanted} or later)")}; {runtime}")
            : new HealthCheck(".NET SDK", HealthStatus.Failed, $"{version}: the course needs .NET 10",
                "Install the .NET 10 SDK (https://dot.net).");
    }

    private static string? WantedSdk(string globalJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(globalJson));
            return doc.RootElement.GetProperty("sdk").GetProperty("version").GetString();
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static HealthCheck LibStdCxx()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new HealthCheck("libstdc++", HealthStatus.Ok, "not needed on this operating system");
        }

        var diagnosis = NativeRuntimeDiagnosis.InspectThisMachine();
        if (diagnosis is null || diagnosis.NativeLibrary is null)
        {
            return new HealthCheck("libstdc++", HealthStatus.Warning, "TorchSharp's native library was not found next to the program, so its needs could not be read",
                "Build the course first (`dotnet build MultiLabelCourse.sln -c Release`) and run mlc doctor from the course folder.");
        }

        return diagnosis.LibStdCxxTooOld
            ? new HealthCheck("libstdc++", HealthStatus.Failed, $"{diagnosis.SystemLibStdCxx ?? "none found"} provides up to {diagnosis.Provided?.ToString() ?? "nothing"}; TorchSharp needs {diagnosis.Required}", NativeRuntimeDiagnosis.Fix)
            : new HealthCheck("libstdc++", HealthStatus.Ok, $"{diagnosis.SystemLibStdCxx} provides {diagnosis.Provided}; TorchSharp needs {diagnosis.Required}");
    }
}
