using System.Text.Json;
using MultiLabel.Viz;

namespace MultiLabel.Tests.Viz;

/// <summary>The chart helpers the evaluation report added to Viz.</summary>
public sealed class ReportChartsTests
{
    [Fact]
    public void Curves_have_their_own_x_values_and_can_be_steps()
    {
        var figure = Charts.Curves("pr", [("a", [0.0, 0.5, 1.0], [1.0, 0.8, 0.5]), ("b", [0.0, 1.0], [1.0, 0.3])], "recall", "precision", stepped: true);
        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal(3, data[0].GetProperty("x").GetArrayLength());
        Assert.Equal(2, data[1].GetProperty("x").GetArrayLength());
        Assert.Equal("hv", data[1].GetProperty("line").GetProperty("shape").GetString());
        Assert.Throws<ArgumentException>(() => Charts.Curves("bad", [("a", [0.0, 1.0], [1.0])]));
    }

    [Fact]
    public void Confusion_matrix_puts_truth_in_rows_and_prediction_in_columns()
    {
        var figure = Charts.ConfusionMatrix("cat", truePositives: 4, falsePositives: 3, falseNegatives: 2, trueNegatives: 1);
        using var json = JsonDocument.Parse(figure.ToJson());
        var trace = json.RootElement.GetProperty("data")[0];
        Assert.Equal([[1.0, 3.0], [2.0, 4.0]], trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
        Assert.Equal(["absent", "present"], trace.GetProperty("y").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("4", trace.GetProperty("text")[1][1].GetString());
        Assert.False(trace.GetProperty("showscale").GetBoolean());
    }

    [Fact]
    public void A_vertical_line_is_a_layout_shape_with_a_label()
    {
        var figure = new Figure().AddLine([0.0, 1.0], [0.0, 1.0]).AddVerticalLine(0.4, "used").AddVerticalLine(0.6);
        using var json = JsonDocument.Parse(figure.ToJson());
        var layout = json.RootElement.GetProperty("layout");
        Assert.Equal(2, layout.GetProperty("shapes").GetArrayLength());
        Assert.Equal(0.6, layout.GetProperty("shapes")[1].GetProperty("x0").GetDouble());
        Assert.Equal("used", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void A_figure_grid_lays_figures_side_by_side_and_loads_plotly_once()
    {
        var html = new HtmlDocument("grid").AddFigureGrid([Charts.Bar("a", ["x"], [1]), Charts.Bar("b", ["y"], [2]), Charts.Bar("c", ["z"], [3])], columns: 2).ToHtml();
        Assert.Contains("grid-template-columns:repeat(2,max-content)", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "class=\"mlc-figure\""));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "plotly.js v" + PlotlyJs.Version));
    }
}
