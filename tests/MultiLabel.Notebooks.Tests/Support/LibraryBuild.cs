using System.Diagnostics;
using MultiLabel.Tests.Support;

namespace MultiLabel.Notebooks.Tests.Support;

/// <summary>
/// The notebooks load lib/MultiLabel/bin/Release/net10.0/MultiLabel.dll, built by the README's one build step
/// (<c>dotnet build lib/MultiLabel -c Release</c>). A solution build in Release makes it; otherwise (a Debug test run,
/// sources newer than the dll) this runs that step once per test run, so the notebooks never test a stale library.
/// </summary>
internal static class LibraryBuild
{
    private static readonly Lazy<string> Built = new(() => BuildIfStale(DllPath, "lib/MultiLabel", RepoPaths.Combine("lib", "MultiLabel")), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<string> CliBuilt = new(() => BuildIfStale(CliPath, "lib/MultiLabel.Cli", RepoPaths.Combine("lib", "MultiLabel.Cli"), RepoPaths.Combine("lib", "MultiLabel")), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string DllPath => RepoPaths.Combine("lib", "MultiLabel", "bin", "Release", "net10.0", "MultiLabel.dll");

    /// <summary>The command line <c>mlc</c> as the solution's Release build makes it.</summary>
    public static string CliPath => RepoPaths.Combine("lib", "MultiLabel.Cli", "bin", "Release", "net10.0", "mlc.dll");

    /// <summary>Makes sure the Release library is built and current; returns what was done.</summary>
    public static string EnsureCurrent() => Built.Value;

    /// <summary>Makes sure the Release <c>mlc</c> (and the library under it) is built and current; returns what was done.</summary>
    public static string EnsureCliCurrent() => CliBuilt.Value;

    private static string BuildIfStale(string output, string name, params string[] projects)
    {
        var project = projects[0];
        var sources = projects.SelectMany(p => Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(RepoPaths.Combine("Directory.Build.props"))
            .Append(RepoPaths.Combine("Directory.Packages.props"));
        if (File.Exists(output) && sources.All(f => File.GetLastWriteTimeUtc(f) <= File.GetLastWriteTimeUtc(output)))
        {
            return $"{name} up to date";
        }

        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {name} -c Release failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return $"{name} built";
    }
}
