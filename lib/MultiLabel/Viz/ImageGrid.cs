using System.Net;
using System.Text;

namespace MultiLabel.Viz;

/// <summary>One cell of an <see cref="ImageGrid"/>: PNG bytes and caption lines.</summary>
/// <param name="Png">The image, PNG-encoded (see <c>Imaging.PngCodec</c>).</param>
/// <param name="Caption">Lines under the image (e.g. file name, true labels, predicted labels).</param>
/// <param name="Accent">Optional CSS colour of the border (e.g. red for a mistake).</param>
public sealed record ImageCell(byte[] Png, IReadOnlyList<string> Caption, string? Accent = null);

/// <summary>
/// A grid of images with captions as self-contained HTML (images inlined as data URIs): shows in notebooks,
/// reports and browsers alike. Small images are scaled up with crisp pixels.
/// Taught in notebooks/01-what-is-multilabel.ipynb.
/// </summary>
public sealed class ImageGrid
{
    private readonly List<ImageCell> cells = [];

    /// <summary>Creates a grid.</summary>
    /// <param name="columns">Images per row.</param>
    /// <param name="displaySize">Width in CSS pixels each image is drawn at.</param>
    /// <param name="title">Optional heading.</param>
    public ImageGrid(int columns = 8, int displaySize = 128, string? title = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(displaySize);
        Columns = columns;
        DisplaySize = displaySize;
        Title = title;
    }

    /// <summary>Images per row.</summary>
    public int Columns { get; }

    /// <summary>Width in CSS pixels of each image.</summary>
    public int DisplaySize { get; }

    /// <summary>Optional heading.</summary>
    public string? Title { get; }

    /// <summary>The cells in order.</summary>
    public IReadOnlyList<ImageCell> Cells => cells;

    /// <summary>A grid of dataset thumbnails (see <see cref="Data.Analysis.Thumbnails.Of"/>), captioned with name and labels.</summary>
    public static ImageGrid From(IEnumerable<Data.Analysis.Thumbnail> thumbnails, int columns = 8, int displaySize = 128, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(thumbnails);
        var grid = new ImageGrid(columns, displaySize, title);
        foreach (var t in thumbnails)
        {
            grid.Add(t.Png, t.Name, t.Caption);
        }

        return grid;
    }

    /// <summary>Adds an image with caption lines.</summary>
    public ImageGrid Add(byte[] png, params string[] caption) => Add(new ImageCell(png, caption));

    /// <summary>Adds a cell.</summary>
    public ImageGrid Add(ImageCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cells.Add(cell);
        return this;
    }

    /// <summary>The grid as an HTML fragment with inline styles.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"mlc-grid\">");
        if (Title is not null)
        {
            html.Append("<div style=\"font-weight:600;margin:4px 0\">").Append(WebUtility.HtmlEncode(Title)).Append("</div>");
        }

        html.Append("<div style=\"display:grid;grid-template-columns:repeat(").Append(Columns)
            .Append(",max-content);gap:8px;font:12px/1.3 sans-serif\">");
        foreach (var cell in cells)
        {
            string border = cell.Accent is null ? "1px solid #ddd" : $"3px solid {WebUtility.HtmlEncode(cell.Accent)}";
            html.Append("<figure style=\"margin:0;width:").Append(DisplaySize).Append("px\">")
                .Append("<img alt=\"\" style=\"width:").Append(DisplaySize).Append("px;image-rendering:pixelated;border:").Append(border)
                .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(cell.Png)).Append("\"/>")
                .Append("<figcaption style=\"overflow-wrap:anywhere\">");
            for (int i = 0; i < cell.Caption.Count; i++)
            {
                if (i > 0)
                {
                    html.Append("<br/>");
                }

                html.Append(WebUtility.HtmlEncode(cell.Caption[i]));
            }

            html.Append("</figcaption></figure>");
        }

        html.Append("</div></div>");
        return html.ToString();
    }
}
