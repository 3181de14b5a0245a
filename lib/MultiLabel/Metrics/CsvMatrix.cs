using System.Globalization;
using MultiLabel.Data;

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
/// scores that <c>mlc evaluate</c> reads. Every problem is reported with the file and the line.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Labels">The label names of the header, in column order.</param>
/// <param name="Rows">Number of data rows (images).</param>
/// <param name="Values">The numbers, row by row (Rows x Labels.Count).</param>
public sealed record CsvMatrix(string Path, IReadOnlyList<string> Labels, int Rows, double[] Values)
{
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
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw FileProblem.At(path, 1, "the file is empty; expected a header row of label names, then one row per image.");
        }

        var labels = ParseHeader(path, header);
        var numbers = new List<double>();
        int rows = 0;
        long line = 1;
        long blankLine = 0;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                blankLine = blankLine == 0 ? line : blankLine;
                continue;
            }

            if (blankLine != 0)
            {
                throw FileProblem.At(path, blankLine, "empty line between data rows.");
            }

            ParseRow(path, line, text, labels, values, numbers);
            rows++;
        }

        if (rows == 0)
        {
            throw FileProblem.At(path, 2, "no data rows after the header; expected one row per image.");
        }

        return new CsvMatrix(path, labels, rows, [.. numbers]);
    }

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

    private static void ParseRow(string path, long line, string text, string[] labels, CsvValues kind, List<double> into)
    {
        var span = text.AsSpan();
        int column = 0;
        foreach (var range in span.Split(','))
        {
            var field = span[range].Trim();
            if (column >= labels.Length)
            {
                column++;
                continue;
            }

            into.Add(ParseValue(path, line, labels[column], field, kind));
            column++;
        }

        if (column != labels.Length)
        {
            throw FileProblem.At(path, line, $"{column} values, expected {labels.Length} (one per label of the header).");
        }
    }

    private static double ParseValue(string path, long line, string label, ReadOnlySpan<char> field, CsvValues kind)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw FileProblem.At(path, line, $"column '{label}': '{field}' is not a number.");
        }

        switch (kind)
        {
            case CsvValues.Binary when value is not (0 or 1):
                throw FileProblem.At(path, line, $"column '{label}': '{field}' is not a label; true labels must be 0 or 1.");
            case CsvValues.Probabilities or CsvValues.Logits when !double.IsFinite(value):
                throw FileProblem.At(path, line, $"column '{label}': '{field}' is not a finite number; scores must be finite.");
            case CsvValues.Probabilities when value is < 0 or > 1:
                throw FileProblem.At(path, line, $"column '{label}': {field} is outside [0, 1]; probabilities must be in [0, 1] (pass --logits for raw model outputs).");
            default:
                return value;
        }
    }
}
