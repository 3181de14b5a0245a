using System.Diagnostics;

namespace MultiLabel.Diagnostics;

/// <summary>What one run of the course's command line printed.</summary>
/// <param name="ExitCode">The process's exit code (0: success).</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
/// <param name="Seconds">Wall time from start to exit.</param>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr, double Seconds);

/// <summary>
/// Runs the course's own command line, <c>mlc</c>, in a child process, as a user types it: the build of
/// lib/MultiLabel.Cli in this checkout for the backend <c>TorchBackend</c> names (cpu by default), started with
/// <c>dotnet mlc.dll</c>. A lesson uses it to cross-check what it computed against the tool (e.g.
/// <c>mlc evaluate --json</c>); when the tool is not built yet it is built once, with a line saying so.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class CourseCli
{
    /// <summary>The longest a run may take before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Where <c>dotnet build lib/MultiLabel.Cli -c Release</c> puts mlc.dll for <paramref name="backend"/>.</summary>
    public static string DllPath(string courseFolder, string backend)
    {
        ArgumentNullException.ThrowIfNull(courseFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        var project = Path.Combine(courseFolder, "lib", "MultiLabel.Cli");
        return backend == "cpu"
            ? Path.Combine(project, "bin", "Release", "net10.0", "mlc.dll")
            : Path.Combine(project, "bin", backend, "Release", "net10.0", "mlc.dll");
    }

    /// <summary>The backend the build and the notebooks read from <c>TorchBackend</c> (cpu when unset).</summary>
    public static string Backend =>
        Environment.GetEnvironmentVariable(TorchChecks.BackendVariable) is { Length: > 0 } value ? value.Trim() : "cpu";

    /// <summary>
    /// Runs <c>mlc</c> with <paramref name="arguments"/> to the end and returns what it printed (a failing command is
    /// a result with its exit code, not an exception).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The course folder cannot be found from the current folder, mlc cannot be built, or it ran past <see cref="Timeout"/>.
    /// </exception>
    public static CliRun Run(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var course = CourseFolder.Find()
            ?? throw new InvalidOperationException($"The course folder (the one with {CourseFolder.Marker}) is not above {Environment.CurrentDirectory}: run the lesson from the course checkout.");
        var dll = DllPath(course, Backend);
        if (!File.Exists(dll))
        {
            Build(course, dll);
        }

        return Start("dotnet", [dll, .. arguments], course);
    }

    private static void Build(string course, string dll)
    {
        string[] build = ["build", Path.Combine("lib", "MultiLabel.Cli"), "-c", "Release", "-nologo", "-v", "q", .. Backend == "cpu" ? Array.Empty<string>() : [$"-p:TorchBackend={Backend}"]];
        Console.WriteLine($"mlc is not built yet ({dll} is missing): running dotnet {string.Join(' ', build)} once (a minute or two)...");
        var run = Start("dotnet", build, course);
        if (run.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"Building mlc failed (exit code {run.ExitCode}); from the repository root run: dotnet {string.Join(' ', build)}\n{run.Stdout}{run.Stderr}");
        }
    }

    private static CliRun Start(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} ran longer than {Timeout.TotalMinutes:F0} minutes and was stopped.");
        }

        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed.TotalSeconds);
    }
}
