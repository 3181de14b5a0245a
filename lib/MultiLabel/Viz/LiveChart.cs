using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiLabel.Viz;

/// <summary>
/// A line chart that redraws in place while points arrive (training curves): <see cref="Show"/> displays it, each
/// <see cref="Add"/> appends a point and, at most every <see cref="MinInterval"/>, updates the displayed chart;
/// <see cref="Flush"/> (or <see cref="Dispose"/>) draws the final state. Without a notebook host each update prints
/// the latest values as one line and rewrites the saved page.
/// Taught in notebooks/03-autograd.ipynb.
/// </summary>
public sealed class LiveChart : IDisplayable, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<Series> series = [];
    private readonly Stopwatch sinceUpdate = new();
    private DisplayHandle? handle;
    private bool dirty;

    /// <summary>Creates a chart; nothing is shown until <see cref="Show"/>.</summary>
    public LiveChart(string title, string? xTitle = null, string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
        XTitle = xTitle;
        YTitle = yTitle;
    }

    /// <summary>The chart title.</summary>
    public string Title { get; }

    /// <summary>The x axis title.</summary>
    public string? XTitle { get; }

    /// <summary>The y axis title.</summary>
    public string? YTitle { get; }

    /// <summary>Title of the right-hand axis used by series added with <see cref="UseSecondaryAxis"/>.</summary>
    public string? SecondaryTitle { get; private set; }

    /// <summary>The shortest time between two redraws (default 0.25 s); points in between are drawn by the next one.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(0.25);

    /// <summary>Number of redraws sent to the display so far (the first display not included).</summary>
    public int UpdateCount { get; private set; }

    /// <summary>The names of the series in the order they appeared.</summary>
    public IReadOnlyList<string> SeriesNames
    {
        get
        {
            lock (gate)
            {
                return [.. series.Select(s => s.Name)];
            }
        }
    }

    /// <summary>Draws <paramref name="seriesName"/> against a second y axis on the right (e.g. an F1 score next to losses).</summary>
    public LiveChart UseSecondaryAxis(string seriesName, string axisTitle)
    {
        lock (gate)
        {
            Find(seriesName).Secondary = true;
            SecondaryTitle = axisTitle;
        }

        return this;
    }

    /// <summary>Displays the chart (once); later points redraw it in place.</summary>
    public LiveChart Show()
    {
        lock (gate)
        {
            if (handle is null)
            {
                handle = Display.Show(this);
                sinceUpdate.Restart();
                dirty = false;
            }
        }

        return this;
    }

    /// <summary>Appends the point (<paramref name="x"/>, <paramref name="y"/>) to a series, creating the series on first use.</summary>
    public void Add(string seriesName, double x, double y)
    {
        lock (gate)
        {
            var s = Find(seriesName);
            s.X.Add(x);
            s.Y.Add(y);
            dirty = true;
            if (handle is not null && sinceUpdate.Elapsed >= MinInterval)
            {
                Redraw();
            }
        }
    }

    /// <summary>The points of a series so far.</summary>
    public (IReadOnlyList<double> X, IReadOnlyList<double> Y) Points(string seriesName)
    {
        lock (gate)
        {
            var s = series.FirstOrDefault(s => s.Name == seriesName) ?? throw new KeyNotFoundException($"No series '{seriesName}'; the chart has: {string.Join(", ", series.Select(s => s.Name))}.");
            return ([.. s.X], [.. s.Y]);
        }
    }

    /// <summary>Redraws now if points arrived since the last redraw.</summary>
    public void Flush()
    {
        lock (gate)
        {
            if (handle is not null && dirty)
            {
                Redraw();
            }
        }
    }

    /// <summary>The chart as a static figure.</summary>
    public Figure ToFigure()
    {
        lock (gate)
        {
            var figure = new Figure(Title).XAxis(XTitle).YAxis(YTitle);
            foreach (var s in series)
            {
                figure.AddLine(s.X, s.Y, s.Name, markers: s.X.Count <= 30);
                if (s.Secondary && figure.Data[^1] is JsonObject trace)
                {
                    trace["yaxis"] = "y2";
                }
            }

            if (SecondaryTitle is not null)
            {
                figure.SetLayout("yaxis2", new JsonObject
                {
                    ["title"] = new JsonObject { ["text"] = SecondaryTitle },
                    ["overlaying"] = "y",
                    ["side"] = "right",
                });
                figure.SetLayout("legend", new JsonObject { ["orientation"] = "h", ["y"] = -0.2 });
            }

            return figure;
        }
    }

    /// <inheritdoc />
    public DisplayContent ToDisplayContent()
    {
        var figure = Display.FigureContent(ToFigure());
        return figure with { Text = LatestValues() };
    }

    /// <summary>Draws the final state.</summary>
    public void Dispose() => Flush();

    private void Redraw()
    {
        handle!.Update(this);
        UpdateCount++;
        dirty = false;
        sinceUpdate.Restart();
    }

    /// <summary>"Loss · epoch 3: train 0.41, val 0.45": the last point of each series, for consoles.</summary>
    private string LatestValues()
    {
        lock (gate)
        {
            var text = new StringBuilder(Title);
            var last = series.Where(s => s.X.Count > 0).ToList();
            if (last.Count == 0)
            {
                return text.Append(": no points yet").ToString();
            }

            text.Append(CultureInfo.InvariantCulture, $" · {XTitle ?? "x"} {last.Max(s => s.X[^1]):G6}:");
            text.Append(string.Join(",", last.Select(s => string.Create(CultureInfo.InvariantCulture, $" {s.Name} {s.Y[^1]:G4}"))));
            return text.ToString();
        }
    }

    private Series Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var s = series.FirstOrDefault(s => s.Name == name);
        if (s is null)
        {
            s = new Series(name);
            series.Add(s);
        }

        return s;
    }

    private sealed class Series(string name)
    {
        public string Name { get; } = name;

        public List<double> X { get; } = [];

        public List<double> Y { get; } = [];

        public bool Secondary { get; set; }
    }
}
