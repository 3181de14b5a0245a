using System.Globalization;
using MultiLabel.Training;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// The whole default run of <c>mlc train</c> in fp32 and then in bf16 (each in its own process, same seed): wall
/// time, test micro-F1 and the ratios, so the speed-up and the accuracy cost are measured in one run.
/// </summary>
internal static class DefaultRunPrecision
{
    /// <summary>Runs both and describes them.</summary>
    public static (string Command, string Output, bool Ok) Measure()
    {
        const string Command = "mlc train --quiet --precision fp32, then --precision bf16 (the default recipe, seed 0)";
        var folder = Path.Combine(Path.GetTempPath(), $"mlc-bench-precision-{Environment.ProcessId}");
        try
        {
            var lines = new List<string>();
            var results = new Dictionary<string, (double Seconds, double F1)>();
            foreach (var precision in new[] { "fp32", "bf16" })
            {
                var output = Path.Combine(folder, precision);
                var (_, text, ok) = BenchAllCommand.RunMlc(["train", "--quiet", "--precision", precision, "--out", output]);
                if (!ok)
                {
                    return (Command, $"{precision}: {text.Trim()}", false);
                }

                var summary = RunDirectory.Open(output).ReadSummary();
                results[precision] = (summary.Seconds, summary.Test.F1Micro);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{precision}: {results[precision].Seconds:F1} s, test micro-F1 {results[precision].F1:F4}"));
            }

            var (fp32, bf16) = (results["fp32"], results["bf16"]);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"bf16 / fp32: {fp32.Seconds / bf16.Seconds:F2}x faster (target >= 1.5x on a CPU with bf16), micro-F1 difference {bf16.F1 - fp32.F1:+0.0000;-0.0000} (target within 0.003)"));
            return (Command, string.Join('\n', lines), true);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
