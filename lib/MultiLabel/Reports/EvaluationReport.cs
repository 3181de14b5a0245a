using System.Globalization;
using MultiLabel.Metrics;
using MultiLabel.Viz;
using static TorchSharp.torch;

namespace MultiLabel.Reports;

/// <summary>
/// The HTML evaluation report of a set of predictions: headline metrics with what each one says, per-label
/// scores, a per-label F1 bar chart, the threshold sweep, precision-recall curves, per-label confusion matrices and
/// the most confident mistakes (with thumbnails when available). One self-contained file that opens offline: the
/// charts are plotly.js figures drawn by the plotly.js bundled in the library (see <see cref="Figure"/> for why not
/// Plotly.NET). <c>mlc train</c> writes it to the run folder; <c>mlc report --run DIR</c> rebuilds it.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class EvaluationReport
{

    /// <summary>Points per precision-recall curve drawn (curves with more are thinned evenly).</summary>
    public const int MaxCurvePoints = 400;

    /// <summary>Mistakes of each kind shown.</summary>
    public const int WorstCount = 12;

    private static readonly string[] Headline =
    [
        "f1_micro", "f1_macro", "f1_weighted", "f1_samples", "precision_micro", "precision_macro", "recall_micro", "recall_macro",
        "hamming_loss", "subset_accuracy", "jaccard_samples", "map_macro", "map_micro", "roc_auc_macro", "roc_auc_micro",
        "lrap", "coverage_error", "ranking_loss",
    ];

    /// <summary>Builds the page.</summary>
    /// <exception cref="ArgumentException">Bad shapes or values in the input.</exception>
    public static HtmlDocument Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.SampleNames.Count != input.Targets.shape[0])
        {
            throw new ArgumentException($"{input.SampleNames.Count} image names for {input.Targets.shape[0]} rows.", nameof(input));
        }

        using var scope = NewDisposeScope();
        var thresholds = input.Thresholds ?? Thresholds.Default;
        var result = MultiLabelMetrics.Evaluate(input.Targets, input.Scores, input.Labels, thresholds, input.Kind);
        var doc = new HtmlDocument(input.Title);
        AddFacts(doc, input, result);
        AddMetrics(doc, result);
        AddPerLabel(doc, result);
        AddSweep(doc, input, thresholds);
        AddCurves(doc, input, result);
        AddConfusion(doc, result);
        AddMistakes(doc, input);
        return doc;
    }

    /// <summary>Builds the page and writes it atomically.</summary>
    public static void Save(ReportInput input, string path) => Build(input).Save(path);

    private static void AddFacts(HtmlDocument doc, ReportInput input, EvaluationResult result)
    {
        var facts = new List<IReadOnlyList<string>>
        {
            new[] { "images", result.SampleCount.ToString("N0", CultureInfo.InvariantCulture) },
            new[] { "labels", input.Labels.Count.ToString(CultureInfo.InvariantCulture) },
            new[] { "threshold", result.Thresholds.IsGlobal ? F(result.Thresholds.GlobalValue) : "per label (see the table)" },
        };
        facts.AddRange((input.Facts ?? []).Select(f => (IReadOnlyList<string>)[f.Key, f.Value]));
        doc.AddTable(["about this evaluation", ""], facts);
    }

    private static void AddMetrics(HtmlDocument doc, EvaluationResult result)
    {
        doc.AddHeading("Headline metrics")
            .AddParagraph("Every value equals scikit-learn's; an undefined value (no label with a positive image, or no label with both classes) is shown as n/a.");
        var named = result.NamedValues();
        doc.AddRawHtml("<style>.mlc-glossary td:last-child,.mlc-glossary th:last-child{text-align:left}</style><div class=\"mlc-glossary\">");
        doc.AddTable(
            ["metric", "value", "what it says"],
            Headline.Select(k => (IReadOnlyList<string>)[k, named[k] is double v ? F(v) : "n/a", MetricGlossary.Explain(k)]));
        doc.AddRawHtml("</div>");
    }

    private static void AddPerLabel(HtmlDocument doc, EvaluationResult result)
    {
        doc.AddHeading("Per label");
        doc.AddTable(
            ["label", "support", "precision", "recall", "F1", "AP", "ROC AUC", "threshold", "tp", "fp", "fn", "tn"],
            result.PerLabel.Select(m => (IReadOnlyList<string>)
            [
                m.Label, N(m.Support), F(m.Precision), F(m.Recall), F(m.F1), Optional(m.AveragePrecision), Optional(m.RocAuc), F(m.Threshold),
                N(m.Counts.TruePositives), N(m.Counts.FalsePositives), N(m.Counts.FalseNegatives), N(m.Counts.TrueNegatives),
            ]));
        var names = result.PerLabel.Select(m => m.Label).ToArray();
        var f1 = Charts.Bar("F1 per label", names, result.PerLabel.Select(m => m.F1).ToArray(), yTitle: "F1", horizontal: names.Length > 12);
        if (names.Length > 12)
        {
            f1.Size(null, Math.Max(360, 22 * names.Length));
        }

        doc.AddFigure(f1);
    }

    private static void AddSweep(HtmlDocument doc, ReportInput input, Thresholds thresholds)
    {
        var sweep = ThresholdSweep.Compute(input.Targets, input.Scores, input.Labels, input.Kind);
        var x = sweep.Points.Select(p => p.Threshold).ToArray();
        var figure = Charts.Line(
            "Scores when every label uses the same threshold",
            x,
            [
                ("micro F1", sweep.Points.Select(p => p.F1Micro).ToArray()),
                ("macro F1", sweep.Points.Select(p => p.F1Macro).ToArray()),
                ("micro precision", sweep.Points.Select(p => p.PrecisionMicro).ToArray()),
                ("micro recall", sweep.Points.Select(p => p.RecallMicro).ToArray()),
            ],
            "threshold",
            "score");
        if (thresholds.IsGlobal)
        {
            figure.AddVerticalLine(thresholds.GlobalValue, "used: " + F(thresholds.GlobalValue));
        }

        var best = sweep.Points.MaxBy(p => p.F1Micro)!;
        doc.AddHeading("Threshold sweep")
            .AddParagraph(
                $"Low thresholds predict many labels (high recall, low precision), high thresholds few. On this data micro-F1 peaks at " +
                $"{F(best.F1Micro)} with threshold {best.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}; choose thresholds on validation data, " +
                "never on the test data you report.")
            .AddFigure(figure);
    }

    private static void AddCurves(HtmlDocument doc, ReportInput input, EvaluationResult result)
    {
        var curves = PrecisionRecallCurve.ForLabels(input.Targets, input.Scores, input.Kind);
        var series = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
        for (int l = 0; l < curves.Count; l++)
        {
            var ap = result.PerLabel[l].AveragePrecision;
            if (ap is null)
            {
                continue; // no positive image: the curve says nothing
            }

            var (recall, precision) = Thin(curves[l].Recall, curves[l].Precision);
            series.Add(($"{input.Labels[l]} (AP {F(ap.Value)})", recall, precision));
        }

        doc.AddHeading("Precision-recall curves")
            .AddParagraph("Each curve shows precision against recall as the label's threshold moves; the area under it is the label's average precision. Labels without a positive image are left out.")
            .AddFigure(Charts.Curves("Precision-recall per label", series, "recall", "precision", stepped: true).XAxis(min: 0, max: 1.02).YAxis(min: 0, max: 1.02));
    }

    private static void AddConfusion(HtmlDocument doc, EvaluationResult result)
    {
        doc.AddHeading("Confusion matrix per label")
            .AddParagraph("Rows: is the label really there; columns: did the model predict it. The diagonal (top left, bottom right) is right.")
            .AddFigureGrid(result.PerLabel.Select(m => Charts.ConfusionMatrix(m.Label, m.Counts.TruePositives, m.Counts.FalsePositives, m.Counts.FalseNegatives, m.Counts.TrueNegatives)));
    }

    private static void AddMistakes(HtmlDocument doc, ReportInput input)
    {
        var (falsePositives, falseNegatives) = WorstErrors.Find(input, WorstCount);
        AddMistakeList(doc, input, "Most confident false positives", "labels predicted with the highest probability that are not there", falsePositives, "#d62728");
        AddMistakeList(doc, input, "Most confident false negatives", "labels that are there but got the lowest probability", falseNegatives, "#ff7f0e");
    }

    private static void AddMistakeList(HtmlDocument doc, ReportInput input, string title, string what, IReadOnlyList<ErrorCase> cases, string accent)
    {
        doc.AddHeading(title).AddParagraph(cases.Count == 0 ? "None." : $"The {cases.Count} {what}.");
        if (cases.Count == 0)
        {
            return;
        }

        var grid = new ImageGrid(columns: 6, displaySize: 112);
        foreach (var c in cases)
        {
            if (input.Thumbnail?.Invoke(c.Sample) is byte[] png)
            {
                grid.Add(new ImageCell(png, [c.Name, $"{c.Label}: p = {F(c.Probability)}", "true: " + Join(c.TrueLabels), "predicted: " + Join(c.PredictedLabels)], accent));
            }
        }

        if (grid.Cells.Count > 0)
        {
            doc.AddImageGrid(grid);
        }

        doc.AddTable(
            ["image", "label", "probability", "true labels", "predicted labels"],
            cases.Select(c => (IReadOnlyList<string>)[c.Name, c.Label, F(c.Probability), Join(c.TrueLabels), Join(c.PredictedLabels)]));
    }

    private static (double[] X, double[] Y) Thin(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count <= MaxCurvePoints)
        {
            return ([.. x], [.. y]);
        }

        var keep = Enumerable.Range(0, MaxCurvePoints).Select(i => (int)((long)i * (x.Count - 1) / (MaxCurvePoints - 1))).Distinct().ToArray();
        return ([.. keep.Select(i => x[i])], [.. keep.Select(i => y[i])]);
    }

    private static string Join(IReadOnlyList<string> labels) => labels.Count == 0 ? "(none)" : string.Join(" ", labels);

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Optional(double? value) => value is double v ? F(v) : "n/a";
}
