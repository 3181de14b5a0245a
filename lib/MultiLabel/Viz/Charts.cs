namespace MultiLabel.Viz;

/// <summary>
/// Ready-made figures for the charts the course draws: lines, bars, heatmaps, histograms and scatter plots.
/// Each returns a <see cref="Figure"/> that can be customised further.
/// </summary>
public static class Charts
{
    /// <summary>One line per named series over a shared x axis (e.g. losses per epoch).</summary>
    public static Figure Line(string title, IReadOnlyList<double> x, IEnumerable<(string Name, IReadOnlyList<double> Y)> series, string? xTitle = null, string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var figure = new Figure(title).XAxis(xTitle).YAxis(yTitle);
        foreach (var (name, y) in series)
        {
            if (y.Count != x.Count)
            {
                throw new ArgumentException($"Series '{name}' has {y.Count} values for {x.Count} x values.", nameof(series));
            }

            figure.AddLine(x, y, name, markers: x.Count <= 30);
        }

        return figure;
    }

    /// <summary>
    /// One line per named series, each with its own x values (e.g. a precision-recall curve per label);
    /// <paramref name="stepped"/> draws steps (plotly.js shape "hv") instead of straight segments.
    /// </summary>
    public static Figure Curves(string title, IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series, string? xTitle = null, string? yTitle = null, bool stepped = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var figure = new Figure(title).XAxis(xTitle).YAxis(yTitle);
        foreach (var (name, x, y) in series)
        {
            if (y.Count != x.Count)
            {
                throw new ArgumentException($"Series '{name}' has {y.Count} y values for {x.Count} x values.", nameof(series));
            }

            figure.AddLine(x, y, name, shape: stepped ? "hv" : null);
        }

        return figure;
    }

    /// <summary>
    /// The 2 x 2 confusion matrix of one label: rows are the truth (label absent, present), columns the prediction
    /// (no, yes); each cell shows its count, darker for more.
    /// </summary>
    public static Figure ConfusionMatrix(string title, long truePositives, long falsePositives, long falseNegatives, long trueNegatives)
    {
        var z = new double[,] { { trueNegatives, falsePositives }, { falseNegatives, truePositives } };
        var figure = new Figure(title)
            .AddHeatmap(z, ["no", "yes"], ["absent", "present"], valueFormat: "0")
            .XAxis("predicted")
            .YAxis("truth")
            .Size(240, 230)
            .SetLayout("margin", new System.Text.Json.Nodes.JsonObject { ["l"] = 80, ["r"] = 10, ["t"] = 40, ["b"] = 50 });
        figure.Data[0]!["showscale"] = false;
        return figure;
    }

    /// <summary>One bar per category (e.g. label frequency or per-label F1).</summary>
    public static Figure Bar(string title, IReadOnlyList<string> categories, IReadOnlyList<double> values, string? xTitle = null, string? yTitle = null, bool horizontal = false)
    {
        Same(categories.Count, values.Count, nameof(values));
        return new Figure(title).AddBar(categories, values, horizontal: horizontal).XAxis(xTitle).YAxis(yTitle);
    }

    /// <summary>Grouped bars: several named value series over the same categories (e.g. precision and recall per label).</summary>
    public static Figure GroupedBar(string title, IReadOnlyList<string> categories, IEnumerable<(string Name, IReadOnlyList<double> Values)> series, string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var figure = new Figure(title).YAxis(yTitle).SetLayout("barmode", "group");
        foreach (var (name, values) in series)
        {
            Same(categories.Count, values.Count, nameof(series));
            figure.AddBar(categories, values, name);
        }

        return figure;
    }

    /// <summary>A square heatmap with the same labels on both axes (e.g. label co-occurrence).</summary>
    public static Figure Heatmap(string title, double[,] z, IReadOnlyList<string> labels, string? colorScale = null, bool showValues = true) =>
        Heatmap(title, z, labels, labels, colorScale, showValues);

    /// <summary>A heatmap with rows labelled by <paramref name="rowLabels"/> and columns by <paramref name="columnLabels"/>.</summary>
    public static Figure Heatmap(string title, double[,] z, IReadOnlyList<string> columnLabels, IReadOnlyList<string> rowLabels, string? colorScale = null, bool showValues = true)
    {
        ArgumentNullException.ThrowIfNull(z);
        Same(z.GetLength(0), rowLabels.Count, nameof(rowLabels));
        Same(z.GetLength(1), columnLabels.Count, nameof(columnLabels));
        int side = Math.Clamp(120 + (28 * Math.Max(z.GetLength(0), z.GetLength(1))), 260, 720);
        return new Figure(title).AddHeatmap(z, columnLabels, rowLabels, colorScale, showValues).Size(side + 120, side);
    }

    /// <summary>A histogram of values (e.g. predicted probabilities or labels per image).</summary>
    public static Figure Histogram(string title, IEnumerable<double> values, int? bins = null, string? xTitle = null) =>
        new Figure(title).AddHistogram(values, bins: bins).XAxis(xTitle).YAxis("count");

    /// <summary>Points of y against x with optional hover texts.</summary>
    public static Figure Scatter(string title, IReadOnlyList<double> x, IReadOnlyList<double> y, IEnumerable<string>? hoverText = null, string? xTitle = null, string? yTitle = null)
    {
        Same(x.Count, y.Count, nameof(y));
        return new Figure(title).AddScatter(x, y, hoverText: hoverText).XAxis(xTitle).YAxis(yTitle);
    }

    private static void Same(int expected, int actual, string name)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"Expected {expected} values, got {actual}.", name);
        }
    }
}
