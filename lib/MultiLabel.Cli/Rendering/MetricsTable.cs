using System.Globalization;
using MultiLabel.Metrics;
using Spectre.Console;

namespace MultiLabel.Cli.Rendering;

/// <summary>Renders an <see cref="EvaluationResult"/> as two tables: the headline metrics and the per-label ones.</summary>
internal static class MetricsTable
{
    public static void Write(IAnsiConsole console, string title, EvaluationResult result)
    {
        var headline = new Table().Title(Markup.Escape(title)).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        headline.AddRow("micro F1", F(result.F1Micro));
        headline.AddRow("macro F1", F(result.F1Macro));
        headline.AddRow("Hamming loss", F(result.HammingLoss));
        headline.AddRow("subset accuracy", F(result.SubsetAccuracy));
        console.Write(headline);

        var perLabel = new Table().AddColumn("label");
        foreach (var name in new[] { "precision", "recall", "F1", "support" })
        {
            perLabel.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var m in result.PerLabel)
        {
            perLabel.AddRow(Markup.Escape(m.Label), F(m.Precision), F(m.Recall), F(m.F1), m.Support.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(perLabel);
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
