using System.Globalization;
using System.Net;
using System.Text;
using static TorchSharp.torch;

namespace MultiLabel.Viz;

/// <summary>
/// A tensor's values as a table, with its shape, dtype and device: a scalar is one cell, a vector one row, a matrix
/// rows by columns, and a tensor with more dimensions one row per index of its leading dimensions (labelled
/// <c>[i,j]</c>) with the last dimension as columns. Large tensors show their first and last rows and columns around
/// an ellipsis; only those values are copied from the tensor.
/// Taught in notebooks/02-tensors.ipynb.
/// </summary>
public sealed class TensorTable : IDisplayable
{
    private TensorTable(string header, string[] rowLabels, string[] columnLabels, string[,] cells, string? title)
    {
        Header = header;
        RowLabels = rowLabels;
        ColumnLabels = columnLabels;
        Cells = cells;
        Title = title;
    }

    /// <summary>"shape [2, 3] · Float32 · cpu".</summary>
    public string Header { get; }

    /// <summary>Optional title shown above the table.</summary>
    public string? Title { get; }

    /// <summary>Row labels ("…" marks skipped rows).</summary>
    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>Column labels ("…" marks skipped columns).</summary>
    public IReadOnlyList<string> ColumnLabels { get; }

    /// <summary>Formatted values, [row, column].</summary>
    public string[,] Cells { get; }

    /// <summary>Builds the table of <paramref name="tensor"/> (the tensor is only read; the caller still owns it).</summary>
    /// <param name="tensor">Any real, integer or boolean tensor on any device.</param>
    /// <param name="maxRows">Rows shown before eliding the middle ones.</param>
    /// <param name="maxColumns">Columns shown before eliding the middle ones.</param>
    /// <param name="columnNames">Optional names of the last dimension (e.g. label names); must match its size.</param>
    /// <param name="title">Optional title.</param>
    /// <exception cref="ArgumentException">A complex tensor, or column names that do not match.</exception>
    public static TensorTable From(Tensor tensor, int maxRows = 12, int maxColumns = 12, IReadOnlyList<string>? columnNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColumns, 2);
        if (tensor.is_complex())
        {
            throw new ArgumentException($"TensorTable shows real tensors; this one is {tensor.dtype}.", nameof(tensor));
        }

        long[] shape = tensor.shape;
        long columns = shape.Length == 0 ? 1 : shape[^1];
        long rows = columns == 0 ? 0 : tensor.numel() / columns;
        if (columnNames is not null && columnNames.Count != columns)
        {
            throw new ArgumentException($"{columnNames.Count} column names for a last dimension of size {columns}.", nameof(columnNames));
        }

        var header = string.Create(CultureInfo.InvariantCulture, $"shape [{string.Join(", ", shape)}] · {tensor.dtype} · {tensor.device}");
        long[] rowIndex = Pick(rows, maxRows);
        long[] columnIndex = Pick(columns, maxColumns);
        var values = Values(tensor, rows, columns, rowIndex, columnIndex);
        bool isBool = tensor.dtype == ScalarType.Bool;
        bool isInteger = tensor.is_integral() && !isBool;

        var rowLabels = rowIndex.Select(r => r < 0 ? "…" : RowLabel(shape, r)).ToArray();
        var columnLabels = columnIndex.Select(c => c < 0 ? "…" : columnNames?[(int)c] ?? c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var cells = new string[rowIndex.Length, columnIndex.Length];
        for (int r = 0, k = 0; r < rowIndex.Length; r++)
        {
            for (int c = 0; c < columnIndex.Length; c++)
            {
                cells[r, c] = rowIndex[r] < 0 || columnIndex[c] < 0 ? "…" : Format(values[k++], isBool, isInteger);
            }
        }

        return new TensorTable(header, rowLabels, columnLabels, cells, title);
    }

    /// <inheritdoc />
    public DisplayContent ToDisplayContent() => new(ToHtml(), ToText());

    /// <summary>The table as an HTML fragment.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"mlc-tensor\" style=\"font:12px/1.3 monospace\">");
        if (Title is not null)
        {
            html.Append("<div style=\"font-weight:600\">").Append(WebUtility.HtmlEncode(Title)).Append("</div>");
        }

        html.Append("<div style=\"color:#666;margin:2px 0\">").Append(WebUtility.HtmlEncode(Header)).Append("</div>")
            .Append("<table style=\"border-collapse:collapse\"><thead><tr><th></th>");
        foreach (var label in ColumnLabels)
        {
            html.Append("<th style=\"padding:1px 8px;color:#666;text-align:right\">").Append(WebUtility.HtmlEncode(label)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (int r = 0; r < RowLabels.Count; r++)
        {
            html.Append("<tr><th style=\"padding:1px 8px;color:#666;text-align:right\">").Append(WebUtility.HtmlEncode(RowLabels[r])).Append("</th>");
            for (int c = 0; c < ColumnLabels.Count; c++)
            {
                html.Append("<td style=\"padding:1px 8px;text-align:right\">").Append(WebUtility.HtmlEncode(Cells[r, c])).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The table as aligned plain text.</summary>
    public string ToText()
    {
        int labelWidth = RowLabels.Count == 0 ? 0 : RowLabels.Max(l => l.Length);
        var widths = new int[ColumnLabels.Count];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = ColumnLabels[c].Length;
            for (int r = 0; r < RowLabels.Count; r++)
            {
                widths[c] = Math.Max(widths[c], Cells[r, c].Length);
            }
        }

        var text = new StringBuilder();
        if (Title is not null)
        {
            text.Append(Title).Append('\n');
        }

        text.Append(Header).Append('\n').Append(new string(' ', labelWidth));
        for (int c = 0; c < widths.Length; c++)
        {
            text.Append("  ").Append(ColumnLabels[c].PadLeft(widths[c]));
        }

        for (int r = 0; r < RowLabels.Count; r++)
        {
            text.Append('\n').Append(RowLabels[r].PadLeft(labelWidth));
            for (int c = 0; c < widths.Length; c++)
            {
                text.Append("  ").Append(Cells[r, c].PadLeft(widths[c]));
            }
        }

        return text.ToString();
    }

    /// <summary>Indices to show out of <paramref name="count"/>: all, or the first and last halves with -1 for the gap.</summary>
    internal static long[] Pick(long count, int max)
    {
        if (count <= max)
        {
            return [.. Enumerable.Range(0, (int)count).Select(i => (long)i)];
        }

        int head = (max + 1) / 2, tail = max / 2;
        var picked = new List<long>(max + 1);
        for (long i = 0; i < head; i++)
        {
            picked.Add(i);
        }

        picked.Add(-1);
        for (long i = count - tail; i < count; i++)
        {
            picked.Add(i);
        }

        return [.. picked];
    }

    /// <summary>The shown values, row by row, as doubles; only the picked rows and columns are copied.</summary>
    private static double[] Values(Tensor tensor, long rows, long columns, long[] rowIndex, long[] columnIndex)
    {
        if (rows == 0 || columns == 0)
        {
            return [];
        }

        using var scope = NewDisposeScope();
        var matrix = tensor.detach().reshape(rows, columns);
        using var rowsKept = TorchSharp.torch.tensor(rowIndex.Where(i => i >= 0).ToArray(), device: matrix.device);
        using var columnsKept = TorchSharp.torch.tensor(columnIndex.Where(i => i >= 0).ToArray(), device: matrix.device);
        var picked = matrix.index_select(0, rowsKept).index_select(1, columnsKept).to(ScalarType.Float64).cpu().contiguous();
        return picked.data<double>().ToArray();
    }

    private static string RowLabel(long[] shape, long row)
    {
        if (shape.Length <= 2)
        {
            return row.ToString(CultureInfo.InvariantCulture);
        }

        // Unravel the row index over the leading dimensions.
        var index = new long[shape.Length - 1];
        for (int d = index.Length - 1; d >= 0; d--)
        {
            index[d] = row % shape[d];
            row /= shape[d];
        }

        return "[" + string.Join(",", index) + "]";
    }

    private static string Format(double value, bool isBool, bool isInteger)
    {
        if (isBool)
        {
            return value != 0 ? "true" : "false";
        }

        if (isInteger)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        return double.IsFinite(value) ? value.ToString("G5", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
    }
}
