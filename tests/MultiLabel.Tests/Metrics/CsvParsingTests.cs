using System.Globalization;
using System.Text;
using MultiLabel.Metrics;
using MultiLabel.Randomness;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

/// <summary>The UTF-8 number parser and the CSV reader behind <c>mlc evaluate</c>: the values double.Parse gives, every line's problem named.</summary>
public sealed class CsvParsingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0")]
    [InlineData("0.731058")]
    [InlineData("+.5")]
    [InlineData("5.")]
    [InlineData("1e22")]
    [InlineData("9007199254740993")] // 2^53 + 1: beyond the exact mantissa, the fallback rounds it
    [InlineData("0.1234567890123456789012")] // more than 19 digits
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("1e-400")]
    [InlineData("000000000000000000000000.25")]
    [InlineData("-2.5E-3")]
    public void Numbers_parse_to_the_double_that_double_Parse_gives(string text)
    {
        Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out double value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("abc")]
    public void Text_that_is_not_a_number_is_refused(string text) =>
        Assert.False(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Random_numbers_in_many_forms_parse_exactly()
    {
        var rng = Pcg32.Derive(7, 1);
        string[] formats = ["R", "F6", "F2", "E3", "G17", "E16", "F0"];
        for (int i = 0; i < 20_000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * Math.Pow(10, (int)(rng.NextDouble() * 40) - 20);
            var text = x.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out double value), text);
            Assert.True(double.Parse(text, CultureInfo.InvariantCulture).Equals(value), $"{text}: {value:R}");
        }
    }

    [Fact]
    public void Crlf_a_byte_order_mark_spaces_and_a_missing_last_newline_are_read()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("S.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("cat, dog\r\n 0.25 ,1e-1\r\n0.5,\t0.75")]);
        using var m = CsvMatrix.Read(path, CsvValues.Probabilities);
        Assert.Equal(["cat", "dog"], m.Labels);
        Assert.Equal(2, m.Rows);
        Assert.Equal(ScalarType.Float64, m.Values.dtype);
        Assert.Equal([0.25, 0.1, 0.5, 0.75], m.Values.data<double>().ToArray());
    }

    [Fact]
    public void A_file_larger_than_the_read_buffer_is_read_across_buffer_boundaries_and_parts()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("S.csv");
        var (text, expected) = BigCsv(200_000);
        File.WriteAllText(path, text);
        Assert.True(new FileInfo(path).Length > 4 << 20, "big enough to be parsed in parallel parts");
        using var m = CsvMatrix.Read(path, CsvValues.Probabilities);
        Assert.Equal(200_000, m.Rows);
        Assert.Equal(expected, m.Values.data<double>().ToArray());
    }

    [Theory]
    [InlineData(190_000, "abc", "line 190002: column 'b': 'abc' is not a number")]
    [InlineData(100_000, "", "line 100002: empty line between data rows")]
    [InlineData(10, "0.5,0.5", "line 12: 2 values, expected 3")]
    public void A_problem_anywhere_in_a_big_file_is_reported_at_its_line(int row, string replacement, string expected)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("S.csv");
        var lines = BigCsv(200_000).Text.Split('\n');
        lines[row + 1] = replacement.Length == 0 || replacement.Contains(',', StringComparison.Ordinal) ? replacement : "0.1," + replacement + ",0.2";
        File.WriteAllText(path, string.Join('\n', lines));
        var ex = Assert.Throws<InvalidDataException>(() => CsvMatrix.Read(path, CsvValues.Probabilities));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_two_problems_in_different_parts_the_first_in_the_file_is_reported()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("S.csv");
        var lines = BigCsv(200_000).Text.Split('\n');
        lines[180_001] = "x,0.1,0.2";
        lines[20_001] = "0.1,y,0.2";
        File.WriteAllText(path, string.Join('\n', lines));
        var ex = Assert.Throws<InvalidDataException>(() => CsvMatrix.Read(path, CsvValues.Probabilities));
        Assert.Contains("line 20002: column 'b': 'y'", ex.Message, StringComparison.Ordinal);
    }

    private static (string Text, List<double> Values) BigCsv(int rows)
    {
        var text = new StringBuilder("a,b,c\n");
        var rng = Pcg32.Derive(3, 2);
        var expected = new List<double>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                double v = Math.Round(rng.NextDouble(), 7);
                expected.Add(v);
                text.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(c < 2 ? ',' : '\n');
            }
        }

        return (text.ToString(), expected);
    }

    [Fact]
    public void A_line_without_end_is_refused_before_it_takes_all_memory()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("S.csv");
        using (var file = File.Create(path))
        {
            file.Write("a,b\n0.5,"u8);
            var chunk = new byte[1 << 20];
            chunk.AsSpan().Fill((byte)'1');
            for (int i = 0; i < (CsvLines.MaxLineBytes >> 20) + 1; i++)
            {
                file.Write(chunk);
            }
        }

        var ex = Assert.Throws<InvalidDataException>(() => CsvMatrix.Read(path, CsvValues.Probabilities));
        Assert.Contains(path + ", line 2: the line is longer than 64 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_field_in_a_message_is_shortened()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("S.csv");
        File.WriteAllText(path, "a\n" + new string('x', 5000) + "\n");
        var ex = Assert.Throws<InvalidDataException>(() => CsvMatrix.Read(path, CsvValues.Logits));
        Assert.Contains("line 2: column 'a': 'xxxx", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 300, ex.Message);
    }
}
