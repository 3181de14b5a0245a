using System.Globalization;
using MultiLabel.Metrics;
using Spectre.Console;

namespace MultiLabel.Cli.Rendering;

/// <summary>Renders an <see cref="EvaluationResult"/> as two tables: the headline metrics and the per-label ones.</summary>
internal static class MetricsTable
{
    private static readonly (string Key, string Name)[] Compact =
    [
        ("f1_micro", "micro F1"), ("f1_macro", "macro F1"), ("hamming_loss", "Hamming loss"), ("subset_accuracy", "subset accuracy"),
    ];

    private static readonly (string Key, string Name)[] Detailed =
    [
        ("f1_micro", "micro F1"), ("f1_macro", "macro F1"), ("f1_weighted", "weighted F1"), ("f1_samples", "samples F1"),
        ("precision_micro", "micro precision"), ("precision_macro", "macro precision"), ("recall_micro", "micro recall"),
        ("recall_macro", "macro recall"), ("hamming_loss", "Hamming loss"), ("subset_accuracy", "subset accuracy"),
        ("jaccard_samples", "samples Jaccard"), ("map_macro", "mAP (macro)"), ("map_micro", "mAP (micro)"),
        ("roc_auc_macro", "ROC AUC (macro)"), ("roc_auc_micro", "ROC AUC (micro)"), ("lrap", "label ranking AP"),
        ("coverage_error", "coverage error"), ("ranking_loss", "ranking loss"),
    ];

    public static void Write(IAnsiConsole console, string title, EvaluationResult result, bool detailed = false)
    {
        var named = result.NamedValues();
        var headline = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        if (detailed)
        {
            headline.AddColumn("what it says");
        }

        foreach (var (key, name) in detailed ? Detailed : Compact)
        {
            var value = named[key] is double v ? F(v) : "n/a";
            if (detailed)
            {
                headline.AddRow(name, value, Markup.Escape(MetricGlossary.Explain(key)));
            }
            else
            {
                headline.AddRow(name, value);
            }
        }

        console.WriteTitled(title, headline);

        var perLabel = new Table().AddColumn("label");
        var columns = detailed
            ? new[] { "precision", "recall", "F1", "support", "AP", "tp", "fp", "fn", "tn" }
            : ["precision", "recall", "F1", "support"];
        foreach (var name in columns)
        {
            perLabel.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var m in result.PerLabel)
        {
            var cells = new List<string> { Markup.Escape(m.Label), F(m.Precision), F(m.Recall), F(m.F1), N(m.Support) };
            if (detailed)
            {
                cells.AddRange([m.AveragePrecision is double ap ? F(ap) : "n/a", N(m.Counts.TruePositives), N(m.Counts.FalsePositives), N(m.Counts.FalseNegatives), N(m.Counts.TrueNegatives)]);
            }

            perLabel.AddRow([.. cells]);
        }

        console.Write(perLabel);
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
