using MultiLabel.Training;
using MultiLabel.Metrics;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class MetricFilesTests
{
    [Fact]
    public void A_labels_csv_is_read_row_by_row()
    {
        using var tmp = new TempDir();
        var path = Write(tmp, "L.csv", "cat,dog\n1,0\n0.0,1\n\n");
        var m = CsvMatrix.Read(path, CsvValues.Binary);
        Assert.Equal(["cat", "dog"], m.Labels);
        Assert.Equal(2, m.Rows);
        Assert.Equal([1.0, 0, 0, 1], m.Values.to(ScalarType.Float64).data<double>().ToArray());
        Assert.Equal(ScalarType.Bool, m.Values.dtype);
    }

    [Theory]
    [InlineData("", CsvValues.Binary, "line 1: the file is empty")]
    [InlineData("cat,dog\n", CsvValues.Binary, "line 2: no data rows")]
    [InlineData("cat,cat\n1,0\n", CsvValues.Binary, "line 1: bad header")]
    [InlineData("cat,dog\n1,0\n1,0,1\n", CsvValues.Binary, "line 3: 3 values, expected 2")]
    [InlineData("cat,dog\n1,0\n2,0\n", CsvValues.Binary, "line 3: column 'cat': '2' is not a label")]
    [InlineData("cat,dog\n1,0\n\n0,1\n", CsvValues.Binary, "line 3: empty line between data rows")]
    [InlineData("cat,dog\n0.1,NaN\n", CsvValues.Probabilities, "line 2: column 'dog': 'NaN' is not a finite number")]
    [InlineData("cat,dog\n0.1,0.2\n1.5,0.2\n", CsvValues.Probabilities, "line 3: column 'cat': 1.5 is outside [0, 1]")]
    [InlineData("cat,dog\n0.1,abc\n", CsvValues.Logits, "line 2: column 'dog': 'abc' is not a number")]
    [InlineData("cat,dog\n-1e300,Infinity\n", CsvValues.Logits, "line 2: column 'dog': 'Infinity' is not a finite number")]
    public void Bad_csv_files_are_reported_with_file_and_line(string content, CsvValues kind, string expected)
    {
        using var tmp = new TempDir();
        var path = Write(tmp, "S.csv", content);
        var ex = Assert.Throws<InvalidDataException>(() => CsvMatrix.Read(path, kind));
        Assert.StartsWith(path + ", line", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_and_scores_must_have_the_same_header_and_rows()
    {
        using var tmp = new TempDir();
        var labels = CsvMatrix.Read(Write(tmp, "L.csv", "cat,dog\n1,0\n0,1\n"), CsvValues.Binary);
        var swapped = CsvMatrix.Read(Write(tmp, "S1.csv", "dog,cat\n0.1,0.2\n0.3,0.4\n"), CsvValues.Probabilities);
        var shorter = CsvMatrix.Read(Write(tmp, "S2.csv", "cat,dog\n0.1,0.2\n"), CsvValues.Probabilities);

        var header = Assert.Throws<InvalidDataException>(() => labels.CheckMatches(swapped));
        Assert.Contains("S1.csv, line 1: the header differs", header.Message, StringComparison.Ordinal);
        Assert.Contains("column 1 is 'dog' here but 'cat'", header.Message, StringComparison.Ordinal);
        var rows = Assert.Throws<InvalidDataException>(() => labels.CheckMatches(shorter));
        Assert.Contains("L.csv, line 3: ", rows.Message, StringComparison.Ordinal);
        Assert.Contains("has 2 data rows but", rows.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t.csv")]
    [InlineData("t.json")]
    public void Tuned_thresholds_round_trip_through_csv_and_json(string name)
    {
        using var tmp = new TempDir();
        var tuned = new TunedThresholds(0.42, 0.8, [new("cat", 0.3125, 0.9, true), new("dog", 0.42, 0.0, false), new("owl", 0.1 + 0.2, 0.5, true)]);
        var path = tmp.Combine(name);
        ThresholdsFile.Write(path, tuned);
        Assert.Equal(tuned.ToPerLabel(), ThresholdsFile.Read(path, ["cat", "dog", "owl"]));
        Assert.Equal(Thresholds.PerLabel([0.1 + 0.2, 0.3125, 0.42]), ThresholdsFile.Read(path, ["owl", "cat", "dog"])); // any order
    }

    [Fact]
    public void Plain_thresholds_and_a_flat_json_object_are_read_too()
    {
        using var tmp = new TempDir();
        var csv = tmp.Combine("plain.csv");
        ThresholdsFile.Write(csv, ["a", "b"], Thresholds.Global(0.25));
        Assert.Equal(Thresholds.PerLabel([0.25, 0.25]), ThresholdsFile.Read(csv, ["a", "b"]));
        var flat = Write(tmp, "flat.json", "{\"b\": 0.7, \"a\": 0.2}");
        Assert.Equal(Thresholds.PerLabel([0.2, 0.7]), ThresholdsFile.Read(flat, ["a", "b"]));
    }

    [Theory]
    [InlineData("T.csv", "label,threshold\na,0.5\nz,0.5\n", "T.csv, line 3: unknown label 'z'")]
    [InlineData("T.csv", "label,threshold\na,0.5\na,0.4\n", "T.csv, line 3: label 'a' appears twice")]
    [InlineData("T.csv", "label,threshold\na,1.5\nb,0.5\n", "T.csv, line 2: threshold '1.5' of label 'a' is not a probability")]
    [InlineData("T.csv", "label,threshold\na,0.5\n", "T.csv: no threshold for label 'b'")]
    [InlineData("T.csv", "name,value\na,0.5\n", "T.csv, line 1: the header must name the columns")]
    [InlineData("T.csv", "", "T.csv, line 1: the file is empty")]
    [InlineData("T.json", "{\"thresholds\": {\"a\": 0.5, \"b\": \"x\"}}", "T.json: key 'thresholds.b'")]
    [InlineData("T.json", "{\"thresholds\": {\"a\": 0.5,\n\"b\": }", "T.json, line 2: not valid JSON")]
    public void Bad_threshold_files_are_reported_with_file_and_line(string name, string content, string expected)
    {
        using var tmp = new TempDir();
        var path = Write(tmp, name, content);
        var ex = Assert.Throws<InvalidDataException>(() => ThresholdsFile.Read(path, ["a", "b"]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_round_trip_exactly_with_awkward_names()
    {
        using var tmp = new TempDir();
        using var scope = NewDisposeScope();
        var path = tmp.Combine(RunDirectory.PredictionsFile);
        string[] names = ["plain.png", "with,comma.png", "with \"quote\".png", " padded "];
        var targets = tensor(new float[] { 1, 0, 0, 1, 1, 1, 0, 0 }, [4, 2]);
        var scores = tensor(new float[] { 0.1f, 1f / 3, 0.999999f, 0, 1, 1e-8f, 0.5f, 0.7f }, [4, 2]);
        PredictionsFile.Write(path, ["cat", "hot_dog"], names, targets, scores);

        var read = PredictionsFile.Read(path);
        Assert.Equal(["cat", "hot_dog"], read.Labels);
        Assert.Equal(names, read.Names);
        Assert.Equal(targets.data<float>().ToArray(), read.Targets);
        Assert.Equal(scores.data<float>().ToArray(), read.Scores); // bit for bit
        Assert.StartsWith("name,true_cat,true_hot_dog,score_cat,score_hot_dog\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name,true_a,score_a\nx,2,0.5\n", "line 2: column 'true_a': '2' is not a label")]
    [InlineData("name,true_a,score_a\nx,1,1.5\n", "line 2: column 'score_a': '1.5' is not a probability")]
    [InlineData("name,true_a,score_b\nx,1,0.5\n", "line 1: columns 2 and 3 must be true_<label> and score_<label>")]
    [InlineData("name,true_a,score_a\nx,1\n", "line 2: 1 values after the name, expected 2")]
    [InlineData("name,true_a,score_a\n\"x,1,0.5\n", "line 2: the quoted name is not closed")]
    [InlineData("name,true_a,score_a\n", "line 2: no prediction rows")]
    public void Bad_prediction_files_are_reported_with_file_and_line(string content, string expected)
    {
        using var tmp = new TempDir();
        var path = Write(tmp, "p.csv", content);
        var ex = Assert.Throws<InvalidDataException>(() => PredictionsFile.Read(path));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static string Write(TempDir tmp, string name, string content)
    {
        var path = tmp.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
