using System.Diagnostics;
using System.Text.Json;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>The outcome of scripts/bench_metrics_sklearn.py: its timing and its metric values, or why it did not run.</summary>
internal sealed record SklearnRun(string? Version, double? Seconds, JsonElement? Metrics, string? Problem)
{
    public const string Script = "scripts/bench_metrics_sklearn.py";

    /// <summary>
    /// The Python to run: the one asked for, or, for the default "python3", the first of python3 on PATH and Debian's
    /// /usr/bin/python3 that imports numpy and scikit-learn (a pyenv or venv python3 on PATH often has neither,
    /// while Debian's python3-sklearn installs into /usr/bin/python3).
    /// </summary>
    public static string ResolvePython(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (requested != "python3")
        {
            return requested;
        }

        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                var probe = new ProcessStartInfo(candidate) { RedirectStandardOutput = true, RedirectStandardError = true };
                probe.ArgumentList.Add("-c");
                probe.ArgumentList.Add("import numpy, sklearn");
                using var process = Process.Start(probe);
                if (process is not null && process.WaitForExit(TimeSpan.FromSeconds(30)) && process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next one.
            }
        }

        return requested;
    }

    /// <summary>Writes the data as .npy files and runs the script on them (up to 30 minutes).</summary>
    public static SklearnRun Run(string python, BenchData data, double[] thresholds)
    {
        var script = RepoFiles.Find(Script);
        if (script is null)
        {
            return Failed($"{Script} not found above the current folder or the mlc binary (run from the repository).");
        }

        var folder = Directory.CreateTempSubdirectory("mlc-bench-").FullName;
        try
        {
            NpyFile.Write(Path.Combine(folder, "y_true.npy"), data.Targets, data.Rows, data.Labels);
            NpyFile.Write(Path.Combine(folder, "scores.npy"), data.Scores, data.Rows, data.Labels);
            NpyFile.Write(Path.Combine(folder, "thresholds.npy"), thresholds, thresholds.Length);
            var run = ChildProcessRun.Run(python, [script, folder]);
            if (run.ExitCode != 0)
            {
                var lastLine = run.Stderr.Trim().Split('\n').LastOrDefault() ?? string.Empty;
                return Failed($"{python} {Script} exited with code {run.ExitCode}: {lastLine}");
            }

            using var doc = JsonDocument.Parse(run.Stdout);
            var root = doc.RootElement;
            return new SklearnRun(root.GetProperty("sklearn_version").GetString(), root.GetProperty("seconds").GetDouble(), root.GetProperty("metrics").Clone(), null);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return Failed($"could not start {python}: {ex.Message} (install Python 3 and scikit-learn, or pass --no-sklearn).");
        }
        catch (TimeoutException)
        {
            return Failed("scikit-learn did not finish within 30 minutes.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SklearnRun Failed(string problem) => new(null, null, null, problem);
}
