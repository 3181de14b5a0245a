using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Metrics;
using MultiLabel.Tests.Metrics;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

public sealed class EvaluateCommandTests
{
    private static readonly string[] JsonKeys =
    [
        "f1_micro", "f1_macro", "f1_weighted", "f1_samples", "precision_micro", "precision_macro", "recall_micro", "recall_macro",
        "hamming_loss", "subset_accuracy", "jaccard_samples", "map_macro", "map_micro", "roc_auc_macro", "lrap", "coverage_error",
        "ranking_loss", "per_label",
    ];

    [Theory]
    [InlineData("degenerate_labels")]
    [InlineData("per_label_thresholds")]
    [InlineData("logits")]
    public void Json_output_has_exactly_the_issue_keys_and_scikit_learns_values(string fixture)
    {
        var f = SklearnFixture.Load(fixture);
        using var tmp = new TempDir();
        var args = new List<string> { "evaluate", "--labels", WriteCsv(tmp, "L.csv", f.Labels, f.YTrue), "--scores", WriteCsv(tmp, "S.csv", f.Labels, f.Scores), "--json" };
        if (f.Kind == ScoreKind.Logits)
        {
            args.Add("--logits");
        }

        if (f.Thresholds.IsGlobal)
        {
            args.AddRange(["--threshold", f.Thresholds.GlobalValue.ToString("R", CultureInfo.InvariantCulture)]);
        }
        else
        {
            var path = tmp.Combine("T.csv");
            ThresholdsFile.Write(path, f.Labels, f.Thresholds);
            args.AddRange(["--thresholds", path]);
        }

        var (code, output) = InProcessMlc.Run([.. args]);

        Assert.True(code == ExitCodes.Ok, output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonKeys, json.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var key in JsonKeys.SkipLast(1))
        {
            SklearnParityTests.Near(f.Expected, key, SklearnFixture.NullableDouble(json.RootElement.GetProperty(key)));
        }

        var perLabel = json.RootElement.GetProperty("per_label").EnumerateArray().ToArray();
        var expected = f.Expected.GetProperty("per_label").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, perLabel.Length);
        for (int l = 0; l < perLabel.Length; l++)
        {
            Assert.Equal(["label", "precision", "recall", "f1", "support", "ap", "tp", "fp", "fn", "tn"], perLabel[l].EnumerateObject().Select(p => p.Name));
            Assert.Equal(expected[l].GetProperty("label").GetString(), perLabel[l].GetProperty("label").GetString());
            foreach (var key in new[] { "precision", "recall", "f1", "ap" })
            {
                SklearnParityTests.Near(expected[l], key, SklearnFixture.NullableDouble(perLabel[l].GetProperty(key)), f.Labels[l]);
            }

            foreach (var key in new[] { "support", "tp", "fp", "fn", "tn" })
            {
                Assert.Equal(expected[l].GetProperty(key).GetInt64(), perLabel[l].GetProperty(key).GetInt64());
            }
        }
    }

    [Fact]
    public void Without_json_it_prints_readable_tables()
    {
        using var tmp = new TempDir();
        var (code, output) = InProcessMlc.Run(
            "evaluate", "--labels", Write(tmp, "L.csv", "cat,dog\n1,0\n0,1\n1,1\n"), "--scores", Write(tmp, "S.csv", "cat,dog\n0.9,0.2\n0.4,0.8\n0.7,0.3\n"));
        Assert.True(code == ExitCodes.Ok, output);
        foreach (var text in new[] { "micro F1", "Hamming loss", "mAP (macro)", "ranking loss", "what it says", "cat", "dog", "0.8571" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cat,dog\n1,0\n0,1\n", "cat,dog\n0.9,0.2\n", "S.csv", "L.csv, line 3")]
    [InlineData("cat,dog\n1,0\n", "dog,cat\n0.9,0.2\n", "S.csv, line 1", "header differs")]
    [InlineData("cat,dog\n1,0\n3,1\n", "cat,dog\n0.9,0.2\n0.1,0.1\n", "L.csv, line 3", "'3' is not a label")]
    [InlineData("cat,dog\n1,0\n", "cat,dog\n0.9,NaN\n", "S.csv, line 2", "'NaN' is not a finite number")]
    [InlineData("cat,dog\n1,0\n", "cat,dog\n0.9,1.2\n", "S.csv, line 2", "outside [0, 1]")]
    [InlineData("", "cat,dog\n0.9,0.2\n", "L.csv, line 1", "the file is empty")]
    [InlineData("cat,dog\n1,0\n", "", "S.csv, line 1", "the file is empty")]
    public void Bad_input_exits_with_code_2_naming_file_and_line(string labels, string scores, string where, string what)
    {
        using var tmp = new TempDir();
        var (code, output) = InProcessMlc.Run("evaluate", "--labels", Write(tmp, "L.csv", labels), "--scores", Write(tmp, "S.csv", scores));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(where, output, StringComparison.Ordinal);
        Assert.Contains(what, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_with_code_2()
    {
        using var tmp = new TempDir();
        var labels = Write(tmp, "L.csv", "a\n1\n");
        var scores = Write(tmp, "S.csv", "a\n0.5\n");
        Assert.Equal(ExitCodes.Usage, InProcessMlc.Run("evaluate", "--labels", labels).Code);
        Assert.Equal(ExitCodes.Usage, InProcessMlc.Run("evaluate", "--labels", labels, "--scores", scores, "--threshold", "0.5", "--thresholds", labels).Code);
        Assert.Equal(ExitCodes.Usage, InProcessMlc.Run("evaluate", "--labels", labels, "--scores", scores, "--threshold", "1.5").Code);
        var (code, output) = InProcessMlc.Run("evaluate", "--labels", tmp.Combine("missing.csv"), "--scores", scores);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("missing.csv", output, StringComparison.Ordinal);
        var (tCode, tOutput) = InProcessMlc.Run("evaluate", "--labels", labels, "--scores", scores, "--thresholds", Write(tmp, "T.csv", "label,threshold\nb,0.5\n"));
        Assert.Equal(ExitCodes.Usage, tCode);
        Assert.Contains("T.csv, line 2: unknown label 'b'", tOutput, StringComparison.Ordinal);
    }


    private static string Write(TempDir tmp, string name, string content)
    {
        var path = tmp.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string WriteCsv(TempDir tmp, string name, string[] labels, double[] values)
    {
        var csv = new StringBuilder(string.Join(',', labels)).Append('\n');
        for (int i = 0; i < values.Length; i += labels.Length)
        {
            csv.Append(string.Join(',', values.Skip(i).Take(labels.Length).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        return Write(tmp, name, csv.ToString());
    }
}
