using System.Diagnostics;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

/// <summary>Runs the built mlc (copied next to the tests) as a child process.</summary>
internal static class MlcChild
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "mlc.dll");

    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs to completion (at most <paramref name="timeout"/>) and returns the exit code and all output.</summary>
    public static (int Code, string Output) Run(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlc {string.Join(' ', args)} ran longer than {timeout}.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
