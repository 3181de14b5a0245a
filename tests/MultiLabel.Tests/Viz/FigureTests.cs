using System.Text.Json;
using MultiLabel.Viz;

namespace MultiLabel.Tests.Viz;

public sealed class FigureTests
{
    [Fact]
    public void Line_chart_json_has_one_trace_per_series_and_axis_titles()
    {
        var figure = Charts.Line("loss", [1, 2, 3], [("train", [0.9, 0.5, 0.3]), ("val", [1.0, 0.7, 0.6])], "epoch", "BCE");
        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("scatter", data[0].GetProperty("type").GetString());
        Assert.Equal("val", data[1].GetProperty("name").GetString());
        Assert.Equal(0.7, data[1].GetProperty("y")[1].GetDouble());
        var layout = json.RootElement.GetProperty("layout");
        Assert.Equal("loss", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("epoch", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("BCE", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Non_finite_values_become_null_gaps()
    {
        var figure = new Figure().AddLine([1, 2, 3], [1, double.NaN, double.PositiveInfinity]);
        using var json = JsonDocument.Parse(figure.ToJson());
        var y = json.RootElement.GetProperty("data")[0].GetProperty("y");
        Assert.Equal(JsonValueKind.Number, y[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[2].ValueKind);
    }

    [Fact]
    public void Text_that_could_close_a_script_element_is_escaped()
    {
        var figure = Charts.Bar("</script><script>alert(1)</script>", ["a</b"], [1]);
        var json = figure.ToJson();
        Assert.DoesNotContain("</", json, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("</script><script>alert(1)</script>", parsed.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Heatmap_keeps_rows_and_columns_and_writes_cell_values()
    {
        var z = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var figure = Charts.Heatmap("co-occurrence", z, ["a", "b", "c"], ["r1", "r2"]);
        using var json = JsonDocument.Parse(figure.ToJson());
        var trace = json.RootElement.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal(6, trace.GetProperty("z")[1][2].GetDouble());
        Assert.Equal("6", trace.GetProperty("text")[1][2].GetString());
        Assert.Equal(2, trace.GetProperty("y").GetArrayLength());
        Assert.Throws<ArgumentException>(() => Charts.Heatmap("bad", z, ["a", "b"], ["r1", "r2"]));
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Charts.Line("x", [1, 2], [("s", [1.0])]));
        Assert.Throws<ArgumentException>(() => Charts.Bar("x", ["a", "b"], [1.0]));
    }

    [Fact]
    public void Html_fragment_draws_into_its_own_div()
    {
        var html = Charts.Histogram("h", [0.1, 0.2, 0.9]).ToHtmlFragment("fig-1");
        Assert.Contains("<div id=\"fig-1\"", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot('fig-1'", html, StringComparison.Ordinal);
    }
}
