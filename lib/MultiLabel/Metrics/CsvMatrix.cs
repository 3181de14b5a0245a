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
    public static CsvMatrix Read(string path, CsvValues values)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] labels;
        long dataStart, length;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            length = file.Length;
            var lines = new CsvLines(file);
            ReadOnlySpan<byte> headerBytes;
            try
            {
                if (!lines.Next(out headerBytes) || IsBlank(headerBytes))
                {
                    throw FileProblem.At(path, 1, "the file is empty; expected a header row of label names, then one row per image.");
                }
            }
            catch (CsvLines.LineTooLongException)
            {
                throw FileProblem.At(path, 1, $"the header is longer than {CsvLines.MaxLineBytes / (1 << 20)} MiB; is this a CSV of one row per image?");
            }

            labels = ParseHeader(path, Encoding.UTF8.GetString(WithoutBom(headerBytes)));
            dataStart = lines.Consumed;
        }

        // Big files are cut at line starts into parts parsed in parallel, each through its own 1 MiB buffer.
        var parts = CsvParts.Plan(path, dataStart, length, length >= ParallelFrom ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1);
        long capacity = Math.Max(1, parts.Sum(p => p.Lines));
        if (capacity * labels.Length > int.MaxValue / sizeof(double))
        {
            throw FileProblem.At(path, 2, $"too many values ({capacity:N0} rows of {labels.Length}); split the file.");
        }

        bool binary = values == CsvValues.Binary;
        using var all = empty([capacity, labels.Length], binary ? ScalarType.Bool : ScalarType.Float64);
        var results = new PartResult[parts.Count];
        Parallel.For(0, parts.Count, k => results[k] = ParsePart(path, parts[k], labels, values, all));

        // The first problem in file order wins, as a single pass would report it; a blank line is a problem when a
        // data row follows it, in its own part or a later one.
        var problems = new List<(long Line, Exception Error)>();
        for (int k = 0; k < parts.Count; k++)
        {
            if (results[k].Error is { } error)
            {
                problems.Add((results[k].ErrorLine, error));
            }

            if (results[k].TrailingBlank != 0 && results.Skip(k + 1).Any(r => r.Rows > 0 || r.Error is not null))
            {
                problems.Add((results[k].TrailingBlank, FileProblem.At(path, results[k].TrailingBlank, "empty line between data rows.")));
            }
        }

        if (problems.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(problems.MinBy(p => p.Line).Error);
        }

        int rows = results.Sum(r => r.Rows);
        if (rows == 0)
        {
            throw FileProblem.At(path, 2, "no data rows after the header; expected one row per image.");
        }

        return new CsvMatrix(path, labels, rows, all.narrow(0, 0, rows).DetachFromDisposeScope());
    }

    /// <summary>Files from this size on are parsed in parallel parts.</summary>
    private const long ParallelFrom = 4 << 20;

    /// <summary>What one part found: its rows, a blank line after its last data row, or its first problem.</summary>
    private sealed record PartResult(int Rows, long TrailingBlank, Exception? Error, long ErrorLine);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PartResult ParsePart(string path, CsvParts.Part part, string[] labels, CsvValues values, Tensor all)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        file.Position = part.Start;
        var lines = new CsvLines(file, part.End - part.Start);
        bool binary = values == CsvValues.Binary;
        var memory = all.bytes;
        int rowBytes = labels.Length * (binary ? 1 : sizeof(double));
        int rows = 0;
        long line = part.FirstLine - 1, blankLine = 0;
        try
        {
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
                    return new PartResult(rows, 0, FileProblem.At(path, blankLine, "empty line between data rows."), blankLine);
                }

                var row = memory.Slice((int)((part.FirstRow + rows) * rowBytes), rowBytes);
                ParseRow(path, line, text, labels, values, new RowTarget(row, binary));
                rows++;
            }
        }
        catch (InvalidDataException ex)
        {
            return new PartResult(rows, 0, ex, line);
        }
        catch (CsvLines.LineTooLongException)
        {
            return new PartResult(rows, 0, FileProblem.At(path, line + 1, $"the line is longer than {CsvLines.MaxLineBytes / (1 << 20)} MiB; is this a CSV of one row per image?"), line + 1);
        }

        return new PartResult(rows, blankLine, null, 0);
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
