using System.Diagnostics;
using System.Text.RegularExpressions;
using MultiLabel.Cli;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

/// <summary>
/// What mlc writes when its output is not a terminal (a pipe, CI, a log file): one unbroken line per epoch and per
/// error, whole file paths, table titles on one line; results on standard output, errors on standard error.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed partial class LogOutputTests
{
    [GeneratedRegex(@"^epoch (\d+)  loss \d\.\d{4}  val loss \d\.\d{4}  val micro-F1 \d\.\d{3}  lr \S+  \d+ img/s  \d+\.\d s(  \*)?$")]
    private static partial Regex EpochLine();

    private static (int Code, string Out, string Error) Child(params string[] args)
    {
        using var process = MlcChild.Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlc {string.Join(' ', args)} ran too long.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Piped_training_output_has_one_unbroken_line_per_epoch_and_whole_table_titles()
    {
        using var tmp = new TempDir();
        var deep = tmp.Combine("a-rather-long-folder-name-for-runs", "another-long-folder-name", "and-the-run-itself");
        var (code, stdout, stderr) = Child(
            "train", "--epochs", "3", "--count", "160", "--img-size", "32", "--width", "4", "--depth", "2", "--batch-size", "16", "--out", deep);

        Assert.True(code == ExitCodes.Ok, stdout + stderr);
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        var epochs = lines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, l => Assert.Matches(EpochLine(), l));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^Test split \(weights of epoch \d\)$"));
        Assert.Contains(lines, l => l.StartsWith("Run folder: " + deep + " (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Training small-cnn on shapes (", StringComparison.Ordinal) && l.EndsWith(", seed 0.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_goes_to_standard_error_on_one_line_and_leaves_standard_output_empty()
    {
        using var tmp = new TempDir();
        var missing = tmp.Combine("a-folder-with-a-long-name-that-would-wrap-at-eighty-columns", "labels-of-the-validation-split.csv");
        File.WriteAllText(tmp.Combine("scores.csv"), "a,b\n0.1,0.9\n");

        var (code, stdout, stderr) = Child("evaluate", "--labels", missing, "--scores", tmp.Combine("scores.csv"), "--json");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.Contains(stderr.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("Error: ", StringComparison.Ordinal) && l.Contains(missing, StringComparison.Ordinal));
    }

    [Fact]
    public void In_process_errors_and_results_take_their_own_consoles()
    {
        var (code, output, error) = InProcessMlc.RunSplit("train", "--epochs", "0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains("--epochs must be at least 1 (got 0).", error, StringComparison.Ordinal);
    }
}
