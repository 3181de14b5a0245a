using MultiLabel.Tests.Support;
using MultiLabel.Viz;

namespace MultiLabel.Tests.Viz;

public sealed class HtmlDocumentTests
{
    [Fact]
    public void Bundled_plotly_is_the_pinned_version_and_wrapped_for_require_js()
    {
        Assert.Contains("plotly.js v" + PlotlyJs.Version, PlotlyJs.Script[..200], StringComparison.Ordinal);
        var element = PlotlyJs.ScriptElement();
        Assert.StartsWith("<script", element, StringComparison.Ordinal);
        Assert.Contains("(function(define,module,exports){", element, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(element, "</script>"));
    }

    [Fact]
    public void Page_with_figures_inlines_plotly_exactly_once_and_no_external_scripts()
    {
        var doc = new HtmlDocument("Report")
            .AddFigure(Charts.Bar("a", ["x"], [1]))
            .AddFigure(Charts.Bar("b", ["y"], [2]));
        var html = doc.ToHtml();
        Assert.Equal(1, Count(html, "plotly.js v" + PlotlyJs.Version));
        Assert.Equal(2, Count(html, "Plotly.newPlot('mlc-fig-"));
        var rest = html.Replace(PlotlyJs.ScriptElement(), string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", rest, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Page_without_figures_does_not_carry_plotly()
    {
        var html = new HtmlDocument("Plain").AddParagraph("a < b").AddTable(["label", "f1"], [["cat", "0.9"]]).ToHtml();
        Assert.DoesNotContain("plotly.js v", html, StringComparison.Ordinal);
        Assert.Contains("a &lt; b", html, StringComparison.Ordinal);
        Assert.Contains("<td>cat</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_writes_the_page()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("sub", "report.html");
        new HtmlDocument("Saved").Save(path);
        Assert.Contains("<title>Saved</title>", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_grid_inlines_pngs_and_escapes_captions()
    {
        var grid = new ImageGrid(columns: 2, displaySize: 64).Add([1, 2, 3], "a.png", "<cat> & dog");
        grid.Add(new ImageCell([4], ["b.png"], Accent: "red"));
        var html = grid.ToHtml();
        Assert.Contains("data:image/png;base64,AQID", html, StringComparison.Ordinal);
        Assert.Contains("&lt;cat&gt; &amp; dog", html, StringComparison.Ordinal);
        Assert.Contains("3px solid red", html, StringComparison.Ordinal);
        Assert.Contains("repeat(2,", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_from_thumbnails_captions_each_cell_with_name_and_labels()
    {
        var grid = ImageGrid.From([new MultiLabel.Data.Analysis.Thumbnail("a.png", [7], 4, 4, "circle, star")], columns: 3);
        var html = grid.ToHtml();
        Assert.Single(grid.Cells);
        Assert.Contains("a.png<br/>circle, star", html, StringComparison.Ordinal);
        Assert.Contains("repeat(3,", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => System.Text.RegularExpressions.Regex.Count(text, System.Text.RegularExpressions.Regex.Escape(what));
}
