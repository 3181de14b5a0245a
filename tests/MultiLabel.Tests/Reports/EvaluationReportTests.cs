using MultiLabel.Training;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MultiLabel.Metrics;
using MultiLabel.Reports;
using MultiLabel.Tests.Support;
using MultiLabel.Viz;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Reports;

public sealed class EvaluationReportTests
{
    [Fact]
    public void The_report_has_every_section_and_one_figure_per_chart()
    {
        using var scope = NewDisposeScope();
        var input = ReportSamples.FromFixture("degenerate_labels");
        var html = EvaluationReport.Build(input).ToHtml();

        foreach (var heading in new[] { "Headline metrics", "Per label", "Threshold sweep", "Precision-recall curves", "Confusion matrix per label", "Most confident false positives", "Most confident false negatives" })
        {
            Assert.Contains($">{heading}</h2>", html, StringComparison.Ordinal);
        }

        // F1 bar chart + sweep + PR curves + one confusion matrix per label (5).
        Assert.Equal(3 + 5, Count(html, "class=\"mlc-figure\""));
        Assert.Contains(MetricGlossary.Explain("hamming_loss"), html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("<td>fixture</td><td>degenerate_labels</td>", html, StringComparison.Ordinal);
        // label_1 has no positive: its AP and AUC are n/a and it has no PR curve.
        Assert.Contains("<td>label_1</td><td>0</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("label_1 (AP", html, StringComparison.Ordinal);
        Assert.Contains("label_0 (AP", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Worst_errors_are_the_most_confident_mistakes_in_order()
    {
        using var scope = NewDisposeScope();
        // Rows: (truth, probability) of labels x and y.
        var targets = tensor(new float[] { 0, 1, 1, 0, 0, 1, 1, 1 }, [4, 2]);
        var scores = tensor(new float[] { 0.9f, 0.8f, 0.3f, 0.6f, 0.55f, 0.1f, 0.95f, 0.45f }, [4, 2]);
        var input = new ReportInput(["x", "y"], ["a", "b", "c", "d"], targets, scores);

        var (fp, fn) = WorstErrors.Find(input, 10);

        Assert.Equal([("a", "x", 0.9f), ("b", "y", 0.6f), ("c", "x", 0.55f)], fp.Select(c => (c.Name, c.Label, (float)c.Probability)));
        Assert.Equal([("c", "y", 0.1f), ("b", "x", 0.3f), ("d", "y", 0.45f)], fn.Select(c => (c.Name, c.Label, (float)c.Probability)));
        Assert.All(fp, c => Assert.True(c.FalsePositive));
        Assert.Equal(["x", "y"], fn[0].TrueLabels.Concat(fn[0].PredictedLabels).Order());
        Assert.Single(WorstErrors.Find(input, 1).FalsePositives);
    }

    [Fact]
    public void A_run_folder_report_is_rebuilt_from_predictions_thresholds_and_thumbnails()
    {
        using var tmp = new TempDir();
        using var scope = NewDisposeScope();
        var input = ReportSamples.FromFixture("ties");
        RunReport.Write(tmp.Path, input);
        var first = File.ReadAllText(tmp.Combine(RunDirectory.ReportFile));
        Assert.True(File.Exists(tmp.Combine(RunDirectory.PredictionsFile)));
        Assert.NotEmpty(Directory.GetFiles(tmp.Combine(RunDirectory.ThumbnailsFolder), "*.png"));

        var rebuilt = File.ReadAllText(RunReport.Rebuild(tmp.Path, outputPath: tmp.Combine("again.html")));
        Assert.Equal(Tables(first), Tables(rebuilt)); // same numbers from the file as from the tensors
        Assert.Equal(Count(first, "data:image/png"), Count(rebuilt, "data:image/png"));

        ThresholdsFile.Write(tmp.Combine("thresholds.csv"), input.Labels, Thresholds.PerLabel([0.1, 0.2, 0.3, 0.4, 0.6]));
        var tuned = File.ReadAllText(RunReport.Rebuild(tmp.Path, outputPath: tmp.Combine("tuned.html")));
        Assert.Contains("per label (see the table)", tuned, StringComparison.Ordinal);
        Assert.NotEqual(Tables(first), Tables(tuned));
    }

    [Fact]
    public void Thumbnails_are_looked_up_by_escaped_name_and_must_be_png()
    {
        using var tmp = new TempDir();
        ThumbnailFolder.Save(tmp.Path, [KeyValuePair.Create("dir/a b.png", ReportSamples.Thumbnail(3))]);
        File.WriteAllText(tmp.Combine("fake.png"), "not a png");
        var provider = ThumbnailFolder.Provider(["dir/a b.png", "fake.png", "absent.png"], tmp.Path);
        Assert.Equal(ReportSamples.Thumbnail(3), provider(0));
        Assert.Null(provider(1));
        Assert.Null(provider(2));
        Assert.Equal("dir%2Fa%20b.png.png", ThumbnailFolder.FileName("dir/a b.png"));
    }

    [ChromiumFact]
    public void The_report_draws_every_chart_in_headless_chromium_offline()
    {
        using var tmp = new TempDir();
        using var scope = NewDisposeScope();
        var path = tmp.Combine("report.html");
        EvaluationReport.Save(ReportSamples.FromFixture("random"), path);
        int figures = Count(File.ReadAllText(path), "class=\"mlc-figure\"");

        var dom = DumpDom(path);

        // Every plotly.js figure adds at least one <svg class="main-svg"> once drawn; an undrawn div stays empty.
        Assert.True(figures >= 10, $"only {figures} figures in the report");
        Assert.True(Count(dom, "class=\"main-svg\"") >= figures, $"{Count(dom, "class=\"main-svg\"")} plotly SVG layers for {figures} figures");
        Assert.DoesNotMatch(new Regex("<div id=\"mlc-fig-[^\"]+\" class=\"mlc-figure\"></div>"), dom);
    }

    /// <summary>The DOM after scripts ran, with no network when unshare can remove it (root in CI).</summary>
    private static string DumpDom(string path)
    {
        string[] browser = [ChromiumFactAttribute.Path, "--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--dump-dom", "file://" + path];
        var start = new ProcessStartInfo(CanIsolateNetwork() ? "unshare" : browser[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in CanIsolateNetwork() ? ["-n", .. browser] : browser[1..])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "chromium did not finish in 3 minutes");
        Assert.True(dom.Length > 0, "chromium printed no DOM: " + stderr.Result);
        return dom;
    }

    private static bool CanIsolateNetwork()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", "-n true") { RedirectStandardError = true });
            probe!.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    /// <summary>The metric tables (all but the first, which describes the run).</summary>
    private static string Tables(string html) => string.Join("\n", Regex.Matches(html, "<table>.*?</table>", RegexOptions.Singleline).Skip(1).Select(m => m.Value));
}
