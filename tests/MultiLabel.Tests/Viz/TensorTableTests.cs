using MultiLabel.Viz;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Viz;

public sealed class TensorTableTests
{
    [Fact]
    public void A_matrix_shows_its_values_shape_dtype_and_device()
    {
        using var t = tensor(new float[,] { { 1, 2.5f, -3 }, { 4, 5, 6 } });
        var table = TensorTable.From(t);
        Assert.Equal("shape [2, 3] · Float32 · cpu", table.Header);
        Assert.Equal(["0", "1"], table.RowLabels);
        Assert.Equal(["0", "1", "2"], table.ColumnLabels);
        Assert.Equal("2.5", table.Cells[0, 1]);
        Assert.Equal("-3", table.Cells[0, 2]);
        var text = table.ToText().Split('\n');
        Assert.Equal("shape [2, 3] · Float32 · cpu", text[0]);
        Assert.Equal("   0    1   2", text[1]);
        Assert.Equal("0  1  2.5  -3", text[2]);
    }

    [Fact]
    public void Booleans_and_integers_are_not_shown_as_floats()
    {
        using var ints = tensor(new long[] { 3, -1, 12 });
        using var mask = ints > 0;
        Assert.Equal(["3", "-1", "12"], Row(TensorTable.From(ints), 0));
        Assert.Equal(["true", "false", "true"], Row(TensorTable.From(mask), 0));
        using var scalar = tensor(0.125);
        var single = TensorTable.From(scalar);
        Assert.Equal("shape [] · Float64 · cpu", single.Header);
        Assert.Equal("0.125", single.Cells[0, 0]);
    }

    [Fact]
    public void Higher_dimensions_become_rows_labelled_by_their_leading_indices()
    {
        using var t = arange(24).reshape(2, 3, 4);
        var table = TensorTable.From(t);
        Assert.Equal(["[0,0]", "[0,1]", "[0,2]", "[1,0]", "[1,1]", "[1,2]"], table.RowLabels);
        Assert.Equal("23", table.Cells[5, 3]);
        Assert.Equal("13", table.Cells[3, 1]);
    }

    [Fact]
    public void Large_tensors_show_first_and_last_rows_and_columns_around_an_ellipsis()
    {
        using var t = arange(100 * 50).reshape(100, 50);
        var table = TensorTable.From(t, maxRows: 4, maxColumns: 6);
        Assert.Equal(["0", "1", "…", "98", "99"], table.RowLabels);
        Assert.Equal(["0", "1", "2", "…", "47", "48", "49"], table.ColumnLabels);
        Assert.Equal("4999", table.Cells[4, 6]);
        Assert.Equal("…", table.Cells[2, 0]);
        Assert.Equal("…", table.Cells[0, 3]);
        Assert.Equal("1", table.Cells[0, 1]);
    }

    [Fact]
    public void Column_names_label_the_last_dimension_and_must_match_it()
    {
        using var t = zeros(2, 3);
        var table = TensorTable.From(t, columnNames: ["a", "b<", "c"], title: "targets");
        Assert.Equal(["a", "b<", "c"], table.ColumnLabels);
        Assert.Contains("b&lt;", table.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("targets", table.ToHtml(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TensorTable.From(t, columnNames: ["a"]));
        using var complex = zeros(2, dtype: ScalarType.ComplexFloat32);
        Assert.Throws<ArgumentException>(() => TensorTable.From(complex));
    }

    [Fact]
    public void Display_turns_a_tensor_into_its_table()
    {
        using var t = ones(2, 2);
        var content = Display.ContentOf(t);
        Assert.Contains("mlc-tensor", content.Html, StringComparison.Ordinal);
        Assert.StartsWith("shape [2, 2]", content.Text, StringComparison.Ordinal);
    }

    private static string[] Row(TensorTable table, int row) =>
        [.. Enumerable.Range(0, table.ColumnLabels.Count).Select(c => table.Cells[row, c])];
}
