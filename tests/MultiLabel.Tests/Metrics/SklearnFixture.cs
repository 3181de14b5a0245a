using System.Text.Json;
using MultiLabel.Metrics;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

/// <summary>One reference case written by Fixtures/make_fixtures.py with scikit-learn.</summary>
internal sealed class SklearnFixture
{
    public static readonly string[] Names =
        ["random", "ties", "degenerate_labels", "empty_samples", "all_zero_predictions", "per_label_thresholds", "logits", "wide"];

    private SklearnFixture(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        Labels = [.. root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!)];
        Kind = root.GetProperty("score_kind").GetString() == "logits" ? ScoreKind.Logits : ScoreKind.Probabilities;
        var t = root.GetProperty("thresholds");
        Thresholds = t.ValueKind == JsonValueKind.Array
            ? MultiLabel.Metrics.Thresholds.PerLabel(t.EnumerateArray().Select(e => e.GetDouble()))
            : MultiLabel.Metrics.Thresholds.Global(t.GetDouble());
        YTrue = Matrix(root.GetProperty("y_true"));
        Scores = Matrix(root.GetProperty("scores"));
        Rows = YTrue.Length / Labels.Length;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    public string[] Labels { get; }

    public ScoreKind Kind { get; }

    public Thresholds Thresholds { get; }

    public double[] YTrue { get; }

    public double[] Scores { get; }

    public int Rows { get; }

    public JsonElement Expected => Root.GetProperty("expected");

    public static SklearnFixture Load(string name)
    {
        var path = RepoPaths.Combine("tests", "MultiLabel.Tests", "Metrics", "Fixtures", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new SklearnFixture(name, doc.RootElement.Clone());
    }

    public Tensor TargetTensor() => tensor(YTrue, [Rows, Labels.Length], ScalarType.Float32);

    public Tensor ScoreTensor(ScalarType dtype) => tensor(Scores, [Rows, Labels.Length], ScalarType.Float64).to(dtype);

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static double? NullableDouble(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static double[] Matrix(JsonElement rows) => [.. rows.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble()))];
}
