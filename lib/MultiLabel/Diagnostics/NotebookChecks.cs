using System.Text.Json;

namespace MultiLabel.Diagnostics;

/// <summary>What the notebooks need: the pinned dotnet-interactive tool, a local-only Jupyter kernel spec, a current library build.</summary>
internal static class NotebookChecks
{
    private const string KernelName = ".net-csharp";

    public static IEnumerable<HealthCheck> Run(string? root)
    {
        if (root is null)
        {
            yield return new HealthCheck("course folder", HealthStatus.Warning, "not run from inside the course folder: the notebook checks were skipped",
                "Run mlc doctor from the course folder (the one with MultiLabelCourse.sln).");
            yield break;
        }

        yield return new HealthCheck("course folder", HealthStatus.Info, root);
        yield return Tool(root);
        foreach (var check in KernelSpecs(root))
        {
            yield return check;
        }

        yield return LibraryBuild(root);
    }

    private static HealthCheck Tool(string root)
    {
        var manifest = Path.Combine(root, ".config", "dotnet-tools.json");
        string? version = null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            version = doc.RootElement.GetProperty("tools").GetProperty("microsoft.dotnet-interactive").GetProperty("version").GetString();
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new HealthCheck("dotnet-interactive", HealthStatus.Failed, $"{manifest} does not pin dotnet-interactive", "Restore the course's .config/dotnet-tools.json from git.");
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        bool restored = Directory.Exists(Path.Combine(packages, "microsoft.dotnet-interactive", version!));
        return restored
            ? new HealthCheck("dotnet-interactive", HealthStatus.Ok, $"{version} (local tool, restored)")
            : new HealthCheck("dotnet-interactive", HealthStatus.Warning, $"{version} is pinned but not restored (needed for notebooks only)",
                "Run `dotnet tool restore` in the course folder (scripts/setup.sh --jupyter does it).");
    }

    /// <summary>Every .net-csharp kernel spec Jupyter would find, each of which must start the kernel with --http-local-only.</summary>
    private static IEnumerable<HealthCheck> KernelSpecs(string root)
    {
        var folders = new List<string> { Path.Combine(root, ".jupyter") };
        folders.AddRange((Environment.GetEnvironmentVariable("JUPYTER_PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        folders.Add(OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter")
            : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Jupyter") : Path.Combine(home, ".local", "share", "jupyter"));
        var specs = folders.Select(f => Path.GetFullPath(Path.Combine(f, "kernels", KernelName, "kernel.json"))).Distinct().Where(File.Exists).ToList();
        if (specs.Count == 0)
        {
            yield return new HealthCheck("Jupyter kernel", HealthStatus.Warning, $"no {KernelName} kernel spec found (needed for Jupyter and the VS Code Jupyter extension)",
                OperatingSystem.IsWindows() ? "Run scripts/setup.ps1 in PowerShell." : "Run `bash scripts/setup.sh --jupyter`.");
            yield break;
        }

        foreach (var spec in specs)
        {
            bool localOnly = File.ReadAllText(spec).Contains("--http-local-only", StringComparison.Ordinal);
            yield return localOnly
                ? new HealthCheck("Jupyter kernel", HealthStatus.Ok, $"{spec} (HTTP API on localhost only)")
                : new HealthCheck("Jupyter kernel", HealthStatus.Failed, $"{spec} starts the kernel without --http-local-only: its HTTP API listens on every network interface",
                    "Reinstall it with `dotnet interactive jupyter install --http-local-only` or rerun the course set-up script.");
        }
    }

    /// <summary>
    /// The lesson library that setup.csx loads for the backend <see cref="TorchChecks.BackendVariable"/> names exists
    /// and is newer than every source file of lib/MultiLabel.
    /// </summary>
    private static HealthCheck LibraryBuild(string root)
    {
        var project = Path.Combine(root, "lib", "MultiLabel");
        var backend = Environment.GetEnvironmentVariable(TorchChecks.BackendVariable)?.Trim().ToLowerInvariant() is { Length: > 0 } b ? b : "cpu";
        var dll = backend == "cpu"
            ? Path.Combine(project, "bin", "Release", "net10.0", "MultiLabel.dll")
            : Path.Combine(project, "bin", backend, "Release", "net10.0", "MultiLabel.dll");
        var build = backend == "cpu" ? "dotnet build lib/MultiLabel -c Release" : $"dotnet build lib/MultiLabel -c Release -p:{TorchChecks.BackendVariable}={backend}";
        if (!File.Exists(dll))
        {
            return new HealthCheck("lesson library", HealthStatus.Warning, $"{dll} is not built yet (the notebooks load it)",
                $"Run `{build}` in the course folder.");
        }

        var built = File.GetLastWriteTimeUtc(dll);
        var newer = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.GetLastWriteTimeUtc(f) > built)
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        return newer.Count == 0
            ? new HealthCheck("lesson library", HealthStatus.Ok, $"{Path.GetRelativePath(root, dll)} is current")
            : new HealthCheck("lesson library", HealthStatus.Failed,
                $"{Path.GetRelativePath(root, dll)} is older than {newer.Count} source file(s), e.g. {newer[0]}: notebooks would run old code",
                $"Run `{build}`, then restart the notebook kernel.");
    }
}
