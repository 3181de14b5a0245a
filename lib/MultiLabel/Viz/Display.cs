using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TorchSharp;

namespace MultiLabel.Viz;

/// <summary>
/// Shows charts, image grids, tensors and exercise results wherever the code runs: in a notebook when the
/// notebooks' setup file has connected a <see cref="NotebookDisplaySink"/>, otherwise as text on the console with
/// figures and grids saved as HTML pages (<see cref="ConsoleDisplaySink"/>). The library never references the
/// notebook kernel; the kernel is plugged in from outside with <see cref="Use"/>.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public static class Display
{
    private static IDisplaySink sink = new ConsoleDisplaySink();
    private static long nextId;

    /// <summary>The types whose HTML form a notebook formatter should use (the setup file registers them).</summary>
    public static IReadOnlyList<Type> RichTypes { get; } =
        [typeof(Figure), typeof(ImageGrid), typeof(IDisplayable), typeof(torch.Tensor)];

    /// <summary>The sink that receives displayed content.</summary>
    public static IDisplaySink Sink => Volatile.Read(ref sink);

    /// <summary>Sends everything shown from now on to <paramref name="newSink"/>.</summary>
    public static void Use(IDisplaySink newSink)
    {
        ArgumentNullException.ThrowIfNull(newSink);
        Volatile.Write(ref sink, newSink);
    }

    /// <summary>
    /// Shows a value: a <see cref="Figure"/> as a chart, an <see cref="ImageGrid"/> as images, a tensor as a table
    /// (<see cref="TensorTable"/>), an <see cref="IDisplayable"/> its own way, anything else as text.
    /// </summary>
    /// <returns>A handle that can replace the shown value later.</returns>
    public static DisplayHandle Show(object value)
    {
        var current = Sink;
        var handle = new DisplayHandle(current, NewId());
        current.Show(handle.Id, ContentOf(value));
        return handle;
    }

    /// <summary>The HTML and text forms of <paramref name="value"/> (see <see cref="Show"/>).</summary>
    public static DisplayContent ContentOf(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            IDisplayable d => d.ToDisplayContent(),
            Figure f => FigureContent(f),
            ImageGrid g => GridContent(g),
            torch.Tensor t => TensorTable.From(t).ToDisplayContent(),
            _ => TextContent(value.ToString() ?? string.Empty),
        };
    }

    /// <summary>The HTML form alone (what a notebook formatter writes).</summary>
    public static string HtmlOf(object value) => ContentOf(value).Html;

    /// <summary>Plain text shown as preformatted HTML.</summary>
    public static DisplayContent TextContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DisplayContent("<pre style=\"margin:0\">" + WebUtility.HtmlEncode(text) + "</pre>", text);
    }

    internal static string NewId() => string.Create(CultureInfo.InvariantCulture, $"mlc-{Environment.ProcessId:x}-{Interlocked.Increment(ref nextId)}");

    /// <summary>
    /// A chart that draws as soon as plotly.js is on the page (the notebook sink puts it there once per kernel
    /// session): the script waits for it instead of failing when outputs render out of order.
    /// </summary>
    internal static DisplayContent FigureContent(Figure figure)
    {
        var id = Figure.NewElementId();
        var height = figure.Layout["height"] is JsonValue h && h.TryGetValue(out int px) ? px : 360;
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" class=\"mlc-figure\" style=\"min-height:{height}px\">")
            .Append("<span style=\"color:#888\">chart not drawn yet: it needs plotly.js from the setup cell and a trusted notebook (run the notebook, or trust it)</span></div>\n")
            .Append("<script type=\"text/javascript\">(function(){var f=").Append(figure.ToJson())
            .Append(CultureInfo.InvariantCulture, $";var tries=0;function draw(){{var el=document.getElementById('{id}');if(!el)return;")
            .Append("if(window.Plotly){el.innerHTML='';window.Plotly.react(el,f.data,f.layout,{responsive:true,displaylogo:false});}")
            .Append("else if(tries++<100){setTimeout(draw,50);}")
            .Append("else{el.textContent='plotly.js is not loaded: run the setup cell (the first cell) again.';}}draw();})();</script>")
            .ToString();
        return new DisplayContent(html, Describe(figure), NeedsPlotly: true, FileName: Slug(TitleOf(figure) ?? "figure"));
    }

    private static DisplayContent GridContent(ImageGrid grid)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{grid.Title ?? "Image grid"}: {grid.Cells.Count} images");
        foreach (var cell in grid.Cells.Take(8))
        {
            text.Append("\n  ").Append(string.Join(" | ", cell.Caption));
        }

        if (grid.Cells.Count > 8)
        {
            text.Append("\n  ...");
        }

        return new DisplayContent(grid.ToHtml(), text.ToString(), FileName: Slug(grid.Title ?? "images"));
    }

    /// <summary>A one-paragraph text summary of a chart for consoles: title and each trace's type, name and size.</summary>
    private static string Describe(Figure figure)
    {
        var text = new StringBuilder().Append("Chart: ").Append(TitleOf(figure) ?? "(untitled)");
        foreach (var node in figure.Data)
        {
            if (node is not JsonObject trace)
            {
                continue;
            }

            var type = trace["type"]?.GetValue<string>() ?? "trace";
            var name = trace["name"]?.GetValue<string>();
            var points = (trace["y"] ?? trace["x"] ?? trace["z"]) is JsonArray values ? values.Count : 0;
            text.Append(CultureInfo.InvariantCulture, $"\n  {type}{(name is null ? string.Empty : " '" + name + "'")}: {points} values");
        }

        return text.ToString();
    }

    private static string? TitleOf(Figure figure) => figure.Layout["title"]?["text"]?.GetValue<string>();

    /// <summary>A file-name-safe lower-case slug of a title.</summary>
    internal static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "output" : result;
    }
}
