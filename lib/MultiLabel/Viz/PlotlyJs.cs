using System.IO.Compression;

namespace MultiLabel.Viz;

/// <summary>
/// The plotly.js bundle (plotly.js-dist-min, MIT) shipped inside the library, so charts draw offline in reports
/// and notebooks. Inline it once per page (reports) or once per kernel (notebooks).
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The bundled plotly.js version.</summary>
    public const string Version = "2.28.0";

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Source.Value;

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c>. The bundle is wrapped so that it also works
    /// on pages that load require.js (classic Jupyter), where a raw UMD bundle fails with "Mismatched anonymous
    /// define() module".
    /// </summary>
    public static string ScriptElement() =>
        "<script type=\"text/javascript\">(function(define,module,exports){\n" + Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) +
        "\n}).call(window);</script>";

    private static string Load()
    {
        using var resource = typeof(PlotlyJs).Assembly.GetManifestResourceStream("MultiLabel.Viz.plotly.min.js.gz")
            ?? throw new InvalidOperationException("The embedded plotly.js resource is missing from the MultiLabel assembly.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
