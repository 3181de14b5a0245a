using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MultiLabel.Data;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>What the numbers of a <see cref="CsvMatrix"/> must be.</summary>
public enum CsvValues
{
    /// <summary>0 or 1 (true labels).</summary>
    Binary,

    /// <summary>Probabilities: finite numbers in [0, 1].</summary>
    Probabilities,

    /// <summary>Logits: any finite number.</summary>
    Logits,
}

/// <summary>
/// A CSV file of a header row of label names and then one row of numbers per image: the true labels (0/1) or the
/// scores that <c>mlc evaluate</c> reads. Every problem is reported with the file and the line. The numbers are
/// parsed from the file's UTF-8 bytes straight into a tensor (no string per line or cell, a fixed 1 MiB read
/// buffer), so reading takes about the file's size in memory once: a Bool tensor for labels, Float64 for scores.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public sealed class CsvMatrix : IDisposable
{
    private CsvMatrix(string path, IReadOnlyList<string> labels, int rows, Tensor values)
    {
        Path = path;
        Labels = labels;
        Rows = rows;
        Values = values;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The label names of the header, in column order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of data rows (images).</summary>
    public int Rows { get; }

    /// <summary>The numbers [Rows, Labels]: Bool for <see cref="CsvValues.Binary"/>, Float64 otherwise (on the CPU).</summary>
    public Tensor Values { get; }

    /// <summary>Reads and checks a file.</summary>
    /// <exception cref="InvalidDataException">
    /// Empty file, bad header (empty, repeated or malformed names), a row with the wrong number of values, an empty
    /// line between rows, a value that is not a number, not 0/1 (<see cref="CsvValues.Binary"/>), NaN or infinite,
    /// or a probability outside [0, 1]; the message names the file and line.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CsvMatrix Read(string path, CsvValues values)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long fileLines = CsvLines.CountLines(file);
        file.Position = 0;
        var lines = new CsvLines(file);
        long line = 1;
        try
        {
            if (!lines.Next(out var headerBytes) || IsBlank(headerBytes))
            {
                throw FileProblem.At(path, 1, "the file is empty; expected a header row of label names, then one row per image.");
            }

            var labels = ParseHeader(path, Encoding.UTF8.GetString(WithoutBom(headerBytes)));
            long capacity = Math.Max(1, fileLines - 1);
            if (capacity * labels.Length > int.MaxValue / sizeof(double))
            {
                throw FileProblem.At(path, 2, $"too many values ({capacity:N0} rows of {labels.Length}); split the file.");
            }

            bool binary = values == CsvValues.Binary;
            using var all = empty([capacity, labels.Length], binary ? ScalarType.Bool : ScalarType.Float64);
            var memory = all.bytes;
            int rowBytes = labels.Length * (binary ? 1 : sizeof(double));
            int rows = 0;
            long blankLine = 0;
            while (lines.Next(out var text))
            {
                line++;
                if (IsBlank(text))
                {
                    blankLine = blankLine == 0 ? line : blankLine;
                    continue;
                }

                if (blankLine != 0)
                {
                    throw FileProblem.At(path, blankLine, "empty line between data rows.");
                }

                ParseRow(path, line, text, labels, values, new RowTarget(memory.Slice(rows * rowBytes, rowBytes), binary));
                rows++;
            }

            if (rows == 0)
            {
                throw FileProblem.At(path, 2, "no data rows after the header; expected one row per image.");
            }

            return new CsvMatrix(path, labels, rows, all.narrow(0, 0, rows).DetachFromDisposeScope());
        }
        catch (CsvLines.LineTooLongException)
        {
            throw FileProblem.At(path, line + 1, $"the line is longer than {CsvLines.MaxLineBytes / (1 << 20)} MiB; is this a CSV of one row per image?");
        }
    }
    /// <inheritdoc />
    public void Dispose() => Values.Dispose();

    /// <summary>Checks that <paramref name="other"/> has the same labels and rows, e.g. scores for these labels.</summary>
    /// <exception cref="InvalidDataException">The headers or the numbers of rows differ.</exception>
    public void CheckMatches(CsvMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int c = 0; c < Math.Max(Labels.Count, other.Labels.Count); c++)
        {
            string? mine = c < Labels.Count ? Labels[c] : null, theirs = c < other.Labels.Count ? other.Labels[c] : null;
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                throw FileProblem.At(
                    other.Path, 1,
                    $"the header differs from {Path}: column {c + 1} is {Describe(theirs)} here but {Describe(mine)} in {Path} " +
                    "(both files need the same label names in the same order).");
            }
        }

        if (Rows != other.Rows)
        {
            var (shorter, longer) = Rows < other.Rows ? (this, other) : (other, this);
            throw FileProblem.At(
                longer.Path, shorter.Rows + 2,
                $"{longer.Path} has {longer.Rows} data rows but {shorter.Path} has {shorter.Rows}; this row has no partner (one row per image in both files).");
        }
    }

    private static string Describe(string? label) => label is null ? "missing" : $"'{label}'";

    private static string[] ParseHeader(string path, string header)
    {
        var names = header.Split(',').Select(n => n.Trim().Trim('"')).ToArray();
        try
        {
            return [.. new LabelVocabulary(names).Names];
        }
        catch (ArgumentException ex)
        {
            throw FileProblem.At(path, 1, $"bad header of label names: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> text) => text.TrimStart(" \t\r"u8).IsEmpty;

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> text) => text.StartsWith("\uFEFF"u8) ? text[3..] : text;

    /// <summary>Where one row's numbers go: the row's cells of the tensor's memory.</summary>
    private readonly ref struct RowTarget(Span<byte> bytes, bool binary)
    {
        private readonly Span<byte> bytes = bytes;

        public void Set(int column, double value)
        {
            if (binary)
            {
                bytes[column] = value == 0 ? (byte)0 : (byte)1;
            }
            else
            {
                MemoryMarshal.Cast<byte, double>(bytes)[column] = value;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs once per cell, better optimised from the first call
    private static void ParseRow(string path, long line, ReadOnlySpan<byte> text, string[] labels, CsvValues kind, RowTarget into)
    {
        int column = 0;
        while (true)
        {
            int comma = text.IndexOf((byte)',');
            var field = (comma < 0 ? text : text[..comma]).Trim(" \t\r"u8);
            if (column < labels.Length)
            {
                into.Set(column, ParseValue(path, line, labels[column], field, kind));
            }

            column++;
            if (comma < 0)
            {
                break;
            }

            text = text[(comma + 1)..];
        }

        if (column != labels.Length)
        {
            throw FileProblem.At(path, line, $"{column} values, expected {labels.Length} (one per label of the header).");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs once per cell, better optimised from the first call
    private static double ParseValue(string path, long line, string label, ReadOnlySpan<byte> field, CsvValues kind)
    {
        if (kind == CsvValues.Binary && field.Length == 1 && (field[0] == (byte)'0' || field[0] == (byte)'1'))
        {
            return field[0] - '0';
        }

        if (!Utf8Number.TryParse(field, out double value))
        {
            throw FileProblem.At(path, line, $"column '{label}': '{Text(field)}' is not a number.");
        }

        switch (kind)
        {
            case CsvValues.Binary when value is not (0 or 1):
                throw FileProblem.At(path, line, $"column '{label}': '{Text(field)}' is not a label; true labels must be 0 or 1.");
            case CsvValues.Probabilities or CsvValues.Logits when !double.IsFinite(value):
                throw FileProblem.At(path, line, $"column '{label}': '{Text(field)}' is not a finite number; scores must be finite.");
            case CsvValues.Probabilities when value is < 0 or > 1:
                throw FileProblem.At(path, line, $"column '{label}': {Text(field)} is outside [0, 1]; probabilities must be in [0, 1] (pass --logits for raw model outputs).");
            default:
                return value;
        }
    }

    /// <summary>A field for a message: at most 40 characters, invalid UTF-8 shown as U+FFFD.</summary>
    private static string Text(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field[..Math.Min(field.Length, 160)]);
        return text.Length > 40 ? text[..40] + "..." : text;
    }
}
