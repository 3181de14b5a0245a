using MultiLabel.Tests.Support;
using MultiLabel.Viz;

namespace MultiLabel.Tests.Viz;

[Collection(DisplayGlobalState.Name)]
public sealed class DisplayTests
{
    [Fact]
    public void Without_a_notebook_text_is_printed_and_charts_are_saved_as_offline_pages()
    {
        using var dir = new TempDir();
        using var writer = new StringWriter();
        var sink = new ConsoleDisplaySink(writer, dir.Path);
        var chart = Charts.Bar("Label frequency", ["circle", "star"], [0.5, 0.1]);
        sink.Show("a", Display.ContentOf(chart));
        sink.Show("b", Display.ContentOf("plain words"));

        var printed = writer.ToString();
        Assert.Contains("Chart: Label frequency", printed, StringComparison.Ordinal);
        Assert.Contains("bar: 2 values", printed, StringComparison.Ordinal);
        Assert.Contains("plain words", printed, StringComparison.Ordinal);
        var page = Assert.Single(sink.SavedPages).Value;
        Assert.EndsWith("001-label-frequency.html", page, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, html, StringComparison.Ordinal);
        Assert.Contains("\"circle\"", html, StringComparison.Ordinal);

        sink.Update("a", Display.ContentOf(Charts.Bar("Label frequency", ["circle", "square"], [0.5, 0.2])));
        Assert.Contains("\"square\"", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void The_notebook_sink_shows_plotly_once_then_passes_html_through_with_stable_ids()
    {
        var shown = new List<(string Id, string Html)>();
        var updated = new List<(string Id, string Html)>();
        var sink = new NotebookDisplaySink((id, html) => shown.Add((id, html)), (id, html) => updated.Add((id, html)));
        var previous = Display.Sink;
        try
        {
            sink.Connect();
            Assert.Same(sink, Display.Sink);
            Assert.True(sink.PlotlyShown);
            var handle = Display.Show(Charts.Line("loss", [1, 2], [("train", [0.5, 0.4])]));
            Display.Show(Charts.Histogram("scores", [0.1, 0.9]));
            handle.Update(Charts.Line("loss", [1, 2, 3], [("train", [0.5, 0.4, 0.3])]));

            Assert.Equal(3, shown.Count);
            Assert.StartsWith("<script type=\"text/javascript\">(function(define,module,exports){", shown[0].Html, StringComparison.Ordinal);
            Assert.Equal(1, shown.Count(s => s.Html.Contains("plotly.js v", StringComparison.Ordinal)));
            Assert.Contains("window.Plotly.react", shown[1].Html, StringComparison.Ordinal);
            var update = Assert.Single(updated);
            Assert.Equal(handle.Id, update.Id);
            Assert.Equal(shown[1].Id, update.Id);
            Assert.Contains("[1,2,3]", update.Html, StringComparison.Ordinal);
        }
        finally
        {
            Display.Use(previous);
        }
    }

    [Fact]
    public void Figures_wait_for_plotly_and_escape_script_endings()
    {
        var content = Display.ContentOf(Charts.Bar("</script><b>", ["a"], [1]));
        Assert.True(content.NeedsPlotly);
        Assert.DoesNotContain("</script><b>", content.Html, StringComparison.Ordinal);
        Assert.Contains("setTimeout(draw,50)", content.Html, StringComparison.Ordinal);
        // scripts/run-notebooks.sh --browser counts this placeholder to find charts that did not draw.
        Assert.Contains("chart not drawn yet", content.Html, StringComparison.Ordinal);
        Assert.Equal("script-b", content.FileName);
    }

    [Fact]
    public void Strings_show_as_encoded_text_and_tables_align()
    {
        Assert.Equal("<pre style=\"margin:0\">a &lt; b</pre>", Display.ContentOf("a < b").Html);
        var table = new Table(["name", "n"], "counts").AddRow("circle", "12").AddRow("x", "3");
        Assert.Equal("counts\nname    n\ncircle  12\nx       3", table.ToText());
        Assert.Contains("<caption", Display.ContentOf(table).Html, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => table.AddRow("too", "many", "cells"));
    }

    [Fact]
    public void Image_grids_list_their_captions_as_text()
    {
        var grid = new ImageGrid(title: "Samples").Add([1, 2, 3], "shapes_00001.png", "circle, star");
        var content = Display.ContentOf(grid);
        Assert.Equal("Samples: 1 images\n  shapes_00001.png | circle, star", content.Text);
        Assert.Equal("samples", content.FileName);
        Assert.Contains("data:image/png;base64,AQID", content.Html, StringComparison.Ordinal);
    }
}
