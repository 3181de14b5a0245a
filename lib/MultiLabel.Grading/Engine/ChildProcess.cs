using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MultiLabel.Grading.Engine;

/// <summary>How waiting for the child's next event ended.</summary>
internal enum ChildWait
{
    /// <summary>An event arrived.</summary>
    Event,

    /// <summary>The time budget ran out; the child was killed.</summary>
    TimedOut,

    /// <summary>Its resident memory went over the cap; the child was killed.</summary>
    MemoryExceeded,

    /// <summary>It exited (or closed its stdout) before the job was done.</summary>
    Exited,
}

/// <summary>
/// One child process: started in a scratch folder with the job on stdin, its events read line by line, its
/// resident memory sampled every 100 ms (/proc/PID/status VmRSS on Linux, the working set elsewhere: libtorch's
/// memory is native, so a GC limit would not see it), killed (with its whole tree) on a time-out or over the cap.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int ErrorTailLength = 2000;
    private static readonly string[] RuntimeMessages = ["Process terminated", "Stack overflow", "Unhandled exception", "Fatal error", "Out of memory"];
    private readonly Process process;
    private readonly BlockingCollection<string?> lines = [];
    private readonly StringBuilder errorTail = new();
    private readonly string token;

    private ChildProcess(Process process, string token)
    {
        this.process = process;
        this.token = token;
    }

    /// <summary>The last lines the child wrote to stderr (the learner's output and the runtime's last words).</summary>
    public string ErrorTail
    {
        get
        {
            lock (errorTail)
            {
                return errorTail.ToString().Trim();
            }
        }
    }

    /// <summary>
    /// The runtime's own last words, if it wrote any ("Process terminated. ...", "Stack overflow.", "Unhandled exception.
    /// ..."), kept apart from the tail because a long stack trace follows them.
    /// </summary>
    public string? RuntimeMessage { get; private set; }

    /// <summary>The exit code once it has exited, else null.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>Starts <paramref name="childDll"/> in <paramref name="workDir"/> and sends <paramref name="job"/>.</summary>
    public static ChildProcess Start(string childDll, string workDir, ChildJob job, bool noNetwork, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        if (noNetwork && Sandbox.CanUnshareNetwork())
        {
            start.FileName = "unshare";
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(dotnet);
        }
        else
        {
            start.FileName = dotnet;
        }

        start.ArgumentList.Add(childDll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the grader's child process.");
        var child = new ChildProcess(process, job.Token);
        process.OutputDataReceived += (_, e) => child.lines.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.AppendError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.WriteLine(ChildEvents.Serialize(job));
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the next event of the job.</summary>
    public ChildWait Next(TimeSpan timeout, int memoryLimitMb, out ChildEvent? next)
    {
        next = null;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)))
            {
                if (line is null)
                {
                    if (process.WaitForExit(5000))
                    {
                        process.WaitForExit(); // and its stderr to the end, for the runtime's last words
                    }

                    return ChildWait.Exited;
                }

                if (Parse(line) is { } parsed)
                {
                    next = parsed;
                    return ChildWait.Event;
                }

                continue;
            }

            if (ResidentMb() > memoryLimitMb)
            {
                Kill();
                return ChildWait.MemoryExceeded;
            }

            if (clock.Elapsed > timeout)
            {
                Kill();
                return ChildWait.TimedOut;
            }
        }
    }

    /// <summary>Kills the child and its whole tree.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        process.Dispose();
        lines.Dispose();
    }

    private ChildEvent? Parse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            var parsed = ChildEvents.Deserialize<ChildEvent>(line);
            return parsed.Token == token ? parsed : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private long ResidentMb()
    {
        try
        {
            if (process.HasExited)
            {
                return 0;
            }

            if (OperatingSystem.IsLinux())
            {
                foreach (var l in File.ReadLines($"/proc/{process.Id}/status"))
                {
                    if (l.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        return long.Parse(l["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
                    }
                }

                return 0;
            }

            process.Refresh();
            return process.WorkingSet64 / (1024 * 1024);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private void AppendError(string? line)
    {
        if (line is null)
        {
            return;
        }

        var trimmed = line.Trim();
        if (RuntimeMessages.Any(m => trimmed.StartsWith(m, StringComparison.Ordinal)))
        {
            RuntimeMessage = trimmed.Length > 300 ? trimmed[..300] + "..." : trimmed;
        }

        lock (errorTail)
        {
            errorTail.Append(line).Append('\n');
            if (errorTail.Length > ErrorTailLength * 2)
            {
                errorTail.Remove(0, errorTail.Length - ErrorTailLength);
            }
        }
    }
}
