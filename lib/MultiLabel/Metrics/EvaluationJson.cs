using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiLabel.Metrics;

/// <summary>
/// The JSON form of an evaluation that <c>mlc evaluate --json</c> prints: exactly the keys of <see cref="Keys"/>
/// plus <c>per_label</c>, a list of <c>{label, precision, recall, f1, support, ap, tp, fp, fn, tn}</c>. Undefined
/// values (mAP without positives, AUC without both classes) are null.
/// Taught in notebooks/08-evaluation.ipynb (the cross-check of every metric against <c>mlc evaluate --json</c>).
/// </summary>
public static class EvaluationJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The dataset-level keys, in output order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "f1_micro", "f1_macro", "f1_weighted", "f1_samples", "precision_micro", "precision_macro", "recall_micro",
        "recall_macro", "hamming_loss", "subset_accuracy", "jaccard_samples", "map_macro", "map_micro",
        "roc_auc_macro", "lrap", "coverage_error", "ranking_loss",
    ];

    /// <summary>The per-label keys, in output order.</summary>
    public static IReadOnlyList<string> PerLabelKeys { get; } = ["label", "precision", "recall", "f1", "support", "ap", "tp", "fp", "fn", "tn"];

    /// <summary>The evaluation as a JSON object.</summary>
    public static JsonObject ToJson(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var named = result.NamedValues();
        var json = new JsonObject();
        foreach (var key in Keys)
        {
            json[key] = named[key] is double v ? JsonValue.Create(v) : null;
        }

        var perLabel = new JsonArray();
        foreach (var m in result.PerLabel)
        {
            perLabel.Add(new JsonObject
            {
                ["label"] = m.Label,
                ["precision"] = m.Precision,
                ["recall"] = m.Recall,
                ["f1"] = m.F1,
                ["support"] = m.Support,
                ["ap"] = m.AveragePrecision is double ap ? JsonValue.Create(ap) : null,
                ["tp"] = m.Counts.TruePositives,
                ["fp"] = m.Counts.FalsePositives,
                ["fn"] = m.Counts.FalseNegatives,
                ["tn"] = m.Counts.TrueNegatives,
            });
        }

        json["per_label"] = perLabel;
        return json;
    }

    /// <summary>The evaluation as indented JSON text.</summary>
    public static string Serialize(EvaluationResult result) => ToJson(result).ToJsonString(Indented);
}
