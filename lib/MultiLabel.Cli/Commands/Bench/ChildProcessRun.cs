using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// One timed run of a child process, as a user runs a command: wall time from start to exit, and (on Linux) the
/// largest resident memory of any child so far, from <c>getrusage(RUSAGE_CHILDREN)</c>, so runs must go from the
/// smallest to the largest to attribute it.
/// </summary>
internal sealed record ChildProcessRun(int ExitCode, double Seconds, long? PeakChildResidentBytes, string Stdout, string Stderr)
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/> to the end (at most 30 minutes), in
    /// <paramref name="workingDirectory"/> (default: the current one) with <paramref name="environment"/> added.
    /// </summary>
    /// <exception cref="TimeoutException">It ran longer than 30 minutes (it is killed).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public static ChildProcessRun Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} ran longer than 30 minutes.");
        }

        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        return new ChildProcessRun(process.ExitCode, seconds, PeakChildResident(), stdout.Result, stderr.Result);
    }

    /// <summary>How mlc itself is started again: the apphost, or <c>dotnet mlc.dll</c>.</summary>
    public static (string File, string[] Prefix) Mlc()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var entry = Environment.GetCommandLineArgs()[0];
        return Path.GetFileNameWithoutExtension(host) == "dotnet" && entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? (host, [entry])
            : (host, []);
    }

    private static long? PeakChildResident()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var usage = new RUsage();
        return getrusage(-1, ref usage) == 0 ? usage.MaxResidentKilobytes * 1024 : null;
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int getrusage(int who, ref RUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs (ru_maxrss first, in KiB).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentKilobytes;
        public long Rest1;
        public long Rest2;
        public long Rest3;
        public long Rest4;
        public long Rest5;
        public long Rest6;
        public long Rest7;
        public long Rest8;
        public long Rest9;
        public long Rest10;
        public long Rest11;
        public long Rest12;
        public long Rest13;
    }
}
