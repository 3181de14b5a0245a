using MultiLabel.Training;
using MultiLabel.Cli;
using MultiLabel.Metrics;
using MultiLabel.Reports;
using MultiLabel.Tests.Reports;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Cli;

public sealed class ReportCommandTests
{
    [Fact]
    public void Report_rebuilds_the_html_of_a_run_folder()
    {
        using var tmp = new TempDir();
        using (var scope = NewDisposeScope())
        {
            var input = ReportSamples.FromFixture("random");
            PredictionsFile.Write(tmp.Combine(RunDirectory.PredictionsFile), input.Labels, input.SampleNames, input.Targets, input.Scores);
        }

        var (code, output) = InProcessMlc.Run("report", "--run", tmp.Path, "--out", tmp.Combine("r.html"));
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains("r.html", output, StringComparison.Ordinal);
        Assert.Contains("Headline metrics", File.ReadAllText(tmp.Combine("r.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_predictions_or_with_bad_ones_exits_with_code_2()
    {
        using var tmp = new TempDir();
        var (code, output) = InProcessMlc.Run("report", "--run", tmp.Path);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(RunDirectory.PredictionsFile, output, StringComparison.Ordinal);

        File.WriteAllText(tmp.Combine(RunDirectory.PredictionsFile), "name,true_a,score_a\nx,1,7\n");
        (code, output) = InProcessMlc.Run("report", "--run", tmp.Path);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("line 2", output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, InProcessMlc.Run("report", "--run", tmp.Combine("nope")).Code);
        Assert.Equal(ExitCodes.Usage, InProcessMlc.Run("report").Code);
    }

}
