using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiLabel.Viz;

/// <summary>
/// A plotly.js figure built directly as JSON (<c>{data: [...traces], layout: {...}}</c>), drawn by the bundled
/// plotly.js in HTML reports, in notebooks and in any browser, offline. Plotly.NET is deliberately not used: its
/// version 6 cannot load inside the dotnet-interactive kernel (FSharp.Core conflict) and its HTML fetches plotly.js
/// from a CDN. Build figures with <see cref="Charts"/> or trace by trace with the methods here.
/// Taught in notebooks/01-what-is-multilabel.ipynb.
/// </summary>
public sealed class Figure
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep the JSON compact and readable; "</" is escaped separately so it cannot close a script element.
        // A writer, not the serializer: works where reflection-based serialization is off (trimmed apps).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static int nextId;
    private readonly JsonArray data = [];
    private readonly JsonObject layout;

    /// <summary>Creates an empty figure with an optional title.</summary>
    public Figure(string? title = null)
    {
        layout = new JsonObject
        {
            ["margin"] = new JsonObject { ["l"] = 60, ["r"] = 20, ["t"] = title is null ? 20 : 50, ["b"] = 50 },
            ["height"] = 360,
        };
        if (title is not null)
        {
            layout["title"] = new JsonObject { ["text"] = title };
        }
    }

    /// <summary>The traces (series) of the figure as plotly.js JSON objects.</summary>
    public JsonArray Data => data;

    /// <summary>The plotly.js layout object.</summary>
    public JsonObject Layout => layout;

    /// <summary>Number of traces.</summary>
    public int TraceCount => data.Count;

    /// <summary>Adds a raw plotly.js trace (any trace type plotly.js supports).</summary>
    public Figure AddTrace(JsonObject trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        data.Add(trace);
        return this;
    }

    /// <summary>Adds a line (optionally with markers) of y against x.</summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values.</param>
    /// <param name="name">The legend name.</param>
    /// <param name="markers">Draw a marker at each point.</param>
    /// <param name="dash">plotly.js dash style ("dot", "dash", ...).</param>
    /// <param name="shape">plotly.js line shape: null for straight segments, "hv" or "vh" for steps.</param>
    public Figure AddLine(IEnumerable<double> x, IEnumerable<double> y, string? name = null, bool markers = false, string? dash = null, string? shape = null)
    {
        var trace = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = markers ? "lines+markers" : "lines",
            ["x"] = Numbers(x),
            ["y"] = Numbers(y),
        };
        SetName(trace, name);
        if (dash is not null || shape is not null)
        {
            var line = new JsonObject();
            if (dash is not null)
            {
                line["dash"] = dash;
            }

            if (shape is not null)
            {
                line["shape"] = shape;
            }

            trace["line"] = line;
        }

        return AddTrace(trace);
    }

    /// <summary>Adds a dotted vertical line across the plot at <paramref name="x"/>, with an optional label at its top.</summary>
    public Figure AddVerticalLine(double x, string? label = null)
    {
        var shapes = layout["shapes"] as JsonArray ?? [];
        shapes.Add(new JsonObject
        {
            ["type"] = "line",
            ["x0"] = x,
            ["x1"] = x,
            ["yref"] = "paper",
            ["y0"] = 0,
            ["y1"] = 1,
            ["line"] = new JsonObject { ["dash"] = "dot", ["color"] = "#555" },
        });
        layout["shapes"] = shapes;
        if (label is not null)
        {
            var annotations = layout["annotations"] as JsonArray ?? [];
            annotations.Add(new JsonObject
            {
                ["x"] = x,
                ["yref"] = "paper",
                ["y"] = 1,
                ["yanchor"] = "bottom",
                ["showarrow"] = false,
                ["text"] = label,
            });
            layout["annotations"] = annotations;
        }

        return this;
    }

    /// <summary>Adds points of y against x, with optional hover texts.</summary>
    public Figure AddScatter(IEnumerable<double> x, IEnumerable<double> y, string? name = null, IEnumerable<string>? hoverText = null)
    {
        var trace = new JsonObject { ["type"] = "scatter", ["mode"] = "markers", ["x"] = Numbers(x), ["y"] = Numbers(y) };
        SetName(trace, name);
        if (hoverText is not null)
        {
            trace["text"] = Strings(hoverText);
        }

        return AddTrace(trace);
    }

    /// <summary>Adds bars: one value per category (horizontal bars read better for many long names).</summary>
    public Figure AddBar(IEnumerable<string> categories, IEnumerable<double> values, string? name = null, bool horizontal = false)
    {
        var trace = new JsonObject { ["type"] = "bar" };
        if (horizontal)
        {
            trace["orientation"] = "h";
            trace["y"] = Strings(categories);
            trace["x"] = Numbers(values);
        }
        else
        {
            trace["x"] = Strings(categories);
            trace["y"] = Numbers(values);
        }

        SetName(trace, name);
        return AddTrace(trace);
    }

    /// <summary>Adds a histogram of raw values (plotly.js bins them).</summary>
    public Figure AddHistogram(IEnumerable<double> values, string? name = null, int? bins = null)
    {
        var trace = new JsonObject { ["type"] = "histogram", ["x"] = Numbers(values) };
        if (bins is int n)
        {
            trace["nbinsx"] = n;
        }

        SetName(trace, name);
        return AddTrace(trace);
    }

    /// <summary>Adds a heatmap of <paramref name="z"/> (rows = y, columns = x), optionally writing each value in its cell.</summary>
    /// <remarks>
    /// <paramref name="colorScale"/> is a plotly.js scale name ("Viridis", "RdBu", ...) or null for the default
    /// white-to-dark-blue scale, where darker means more (plotly's own "Blues" runs the other way).
    /// </remarks>
    public Figure AddHeatmap(double[,] z, IEnumerable<string> xLabels, IEnumerable<string> yLabels, string? colorScale = null, bool showValues = true, string valueFormat = "0.###")
    {
        ArgumentNullException.ThrowIfNull(z);
        var rows = new JsonArray();
        var text = new JsonArray();
        for (int r = 0; r < z.GetLength(0); r++)
        {
            var row = new JsonArray();
            var textRow = new JsonArray();
            for (int c = 0; c < z.GetLength(1); c++)
            {
                row.Add((JsonNode?)Number(z[r, c]));
                textRow.Add((JsonNode)JsonValue.Create(double.IsFinite(z[r, c]) ? z[r, c].ToString(valueFormat, CultureInfo.InvariantCulture) : string.Empty));
            }

            rows.Add(row);
            text.Add(textRow);
        }

        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = rows,
            ["x"] = Strings(xLabels),
            ["y"] = Strings(yLabels),
            ["colorscale"] = colorScale is null ? WhiteToBlue() : JsonValue.Create(colorScale),
        };
        if (showValues)
        {
            trace["text"] = text;
            trace["texttemplate"] = "%{text}";
        }

        layout["yaxis"] = Merge(layout["yaxis"] as JsonObject, new JsonObject { ["autorange"] = "reversed" });
        return AddTrace(trace);
    }

    /// <summary>Titles and range of the x axis.</summary>
    public Figure XAxis(string? title = null, double? min = null, double? max = null, bool log = false) => Axis("xaxis", title, min, max, log);

    /// <summary>Titles and range of the y axis.</summary>
    public Figure YAxis(string? title = null, double? min = null, double? max = null, bool log = false) => Axis("yaxis", title, min, max, log);

    /// <summary>Sets the size in pixels (width null: fill the container).</summary>
    public Figure Size(int? width, int height)
    {
        if (width is int w)
        {
            layout["width"] = w;
        }

        layout["height"] = height;
        return this;
    }

    /// <summary>Sets any layout property, e.g. <c>SetLayout("barmode", "group")</c>.</summary>
    public Figure SetLayout(string key, JsonNode? value)
    {
        layout[key] = value;
        return this;
    }

    /// <summary>The figure as plotly.js JSON, safe to embed in a script element.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WritePropertyName("layout");
            layout.WriteTo(writer);
            writer.WriteEndObject();
        }

        return EscapeForScript(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>
    /// An HTML fragment (a div and a script calling <c>Plotly.newPlot</c>) that draws the figure on a page where
    /// plotly.js is already loaded (see <see cref="PlotlyJs.ScriptElement"/>).
    /// </summary>
    public string ToHtmlFragment(string? elementId = null)
    {
        var id = elementId ?? NewElementId();
        return $"<div id=\"{id}\" class=\"mlc-figure\"></div>\n<script type=\"text/javascript\">(function(){{var f={ToJson()};" +
               $"Plotly.newPlot('{id}',f.data,f.layout,{{responsive:true,displaylogo:false}});}})();</script>";
    }

    /// <summary>A unique element id for a figure on a page.</summary>
    public static string NewElementId() => $"mlc-fig-{Environment.ProcessId:x}-{Interlocked.Increment(ref nextId)}";

    internal static string EscapeForScript(string json) => json.Replace("</", "<\\/", StringComparison.Ordinal);

    private Figure Axis(string key, string? title, double? min, double? max, bool log)
    {
        var axis = new JsonObject();
        if (title is not null)
        {
            axis["title"] = new JsonObject { ["text"] = title };
        }

        if (min is not null || max is not null)
        {
            axis["range"] = new JsonArray((JsonNode?)Number(min ?? double.NaN), (JsonNode?)Number(max ?? double.NaN));
        }

        if (log)
        {
            axis["type"] = "log";
        }

        layout[key] = Merge(layout[key] as JsonObject, axis);
        return this;
    }

    private static JsonObject Merge(JsonObject? existing, JsonObject added)
    {
        var result = existing?.DeepClone().AsObject() ?? [];
        foreach (var (k, v) in added)
        {
            result[k] = v?.DeepClone();
        }

        return result;
    }

    private static JsonArray WhiteToBlue() => new(
        new JsonArray(JsonValue.Create(0.0), JsonValue.Create("#f7fbff")),
        new JsonArray(JsonValue.Create(0.5), JsonValue.Create("#6baed6")),
        new JsonArray(JsonValue.Create(1.0), JsonValue.Create("#08306b")));

    private static void SetName(JsonObject trace, string? name)
    {
        if (name is not null)
        {
            trace["name"] = name;
        }
    }

    /// <summary>A JSON number, or null for NaN and infinities (which JSON cannot hold; plotly.js draws a gap).</summary>
    private static JsonValue? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static JsonArray Numbers(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add((JsonNode?)Number(v));
        }

        return array;
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add((JsonNode)JsonValue.Create(v));
        }

        return array;
    }
}
