using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Tests.Support;
using MultiLabel.Training;

namespace MultiLabel.Tests.Cli;

/// <summary>
/// The resume guarantee end to end: mlc is killed with SIGKILL in the middle of an epoch (after the first
/// checkpoint), restarted with --resume, and must end with exactly the metrics and history of an uninterrupted run
/// of the same seed.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed partial class ResumeAfterKillTests
{
    private const int Count = 480;
    private const int ImageSize = 48;
    private const int BatchSize = 16;
    private const int Epochs = 4;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private static string[] Args(string outDir) =>
    [
        "train", "--epochs", $"{Epochs}", "--count", $"{Count}", "--img-size", $"{ImageSize}", "--width", "12", "--depth", "2",
        "--batch-size", $"{BatchSize}", "--seed", "7", "--out", outDir,
    ];

    private static int TrainImagesPerEpoch()
    {
        var samples = ShapesGenerator.Generate(new ShapesOptions(Count: Count, ImageSize: ImageSize, Seed: 2024));
        return ShapesGenerator.ToDataset(samples, Split.Train).Count / BatchSize * BatchSize;
    }

    // The console may wrap the line (80 columns when redirected): match across line breaks.
    [GeneratedRegex(@"(^|\n)epoch 1 .*?(\d+)\s+img/s", RegexOptions.Singleline)]
    private static partial Regex FirstEpochLine();

    [Fact]
    public void A_run_killed_mid_epoch_and_resumed_ends_like_an_uninterrupted_run()
    {
        using var tmp = new TempDir();
        var whole = tmp.Combine("whole");
        var killed = tmp.Combine("killed");

        var (code, output) = MlcChild.Run(Limit, Args(whole));
        Assert.True(code == 0, output);

        int trainImages = TrainImagesPerEpoch();
        using (var child = MlcChild.Start(Args(killed)))
        {
            _ = child.StandardError.ReadToEndAsync();
            string? line;
            double imagesPerSecond = 0;
            var seen = new System.Text.StringBuilder();
            while ((line = child.StandardOutput.ReadLine()) is not null)
            {
                seen.Append(line).Append('\n');
                var match = FirstEpochLine().Match(seen.ToString());
                if (match.Success)
                {
                    imagesPerSecond = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                    break;
                }
            }

            Assert.True(imagesPerSecond > 0, "mlc ended before printing epoch 1");

            // The checkpoint of epoch 1 is written before its line is printed; epoch 2 is now running.
            // Sleep for about a third of an epoch's training time (at most a second: on a loaded machine the epoch-1
            // line can arrive late, and a longer sleep let the run finish before the kill), then SIGKILL. (On a machine
            // busy enough to delay this thread, the kill may land in a later epoch: still mid-run, still after a checkpoint.)
            Thread.Sleep(TimeSpan.FromSeconds(Math.Min(trainImages / imagesPerSecond / 3, 1.0)));
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        // Killed while an epoch after the first was running: a checkpoint exists, the run is unfinished.
        var state = Checkpoint.ReadState(Path.Combine(killed, RunDirectory.CheckpointFile));
        Assert.InRange(state.CompletedEpochs, 1, Epochs - 1);
        Assert.False(File.Exists(Path.Combine(killed, RunDirectory.SummaryFile)));

        var (resumeCode, resumeOutput) = MlcChild.Run(Limit, "train", "--resume", killed);
        Assert.True(resumeCode == 0, resumeOutput);
        Assert.Contains("Resuming", resumeOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex($"^epoch {state.CompletedEpochs} ", RegexOptions.Multiline), resumeOutput);
        Assert.Matches(new Regex($"^epoch {state.CompletedEpochs + 1} ", RegexOptions.Multiline), resumeOutput);

        Assert.Equal(Test(whole), Test(killed));
        Assert.Equal(Comparable(whole), Comparable(killed));
    }

    private static string Test(string run)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunDirectory.SummaryFile)));
        return doc.RootElement.GetProperty("test").GetRawText();
    }

    private static List<string> Comparable(string run)
    {
        var history = JsonSerializer.Deserialize<List<EpochRecord>>(File.ReadAllText(Path.Combine(run, RunDirectory.HistoryJsonFile)))!;
        return history.Select(r => FormattableString.Invariant(
            $"{r.Epoch} {r.TrainLoss:R} {r.ValLoss:R} {r.ValF1Micro:R} {r.ValF1Macro:R} {r.ValHammingLoss:R} {r.LearningRate:R} {r.IsBest}")).ToList();
    }
}
