using System.Text;
using MultiLabel.Training;

namespace MultiLabel.Data;

/// <summary>
/// Reads and writes label CSV files in both common conventions (<see cref="LabelFileFormat"/>), with an optional
/// split column (train, val, test). Every problem is a <see cref="DataFormatException"/> naming the file and line:
/// empty file, ragged row, unknown label, a cell that is not 0 or 1, a duplicate file name, an unknown split.
/// An image with no labels is valid data.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class LabelFile
{
    private static readonly string[] SpaceSeparatedHeaders = ["labels", "tags", "label"];

    /// <summary>Reads a label file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labels">
    /// The expected vocabulary: labels outside it are errors and it fixes the column order. Null: for
    /// space-separated files the distinct names in ordinal order, for one-hot files the header's order.
    /// </param>
    /// <param name="format">The convention, or <see cref="LabelFileFormat.Auto"/> to read it from the header.</param>
    /// <exception cref="DataFormatException">The file is missing, empty or malformed; the message names file and line.</exception>
    public static LabelTable Read(string path, LabelVocabulary? labels = null, LabelFileFormat format = LabelFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, null, "label file not found.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, $"cannot read the label file ({ex.Message}).", ex);
        }

        return Parse(lines, path, labels, format);
    }

    /// <summary>Parses the lines of a label file; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="DataFormatException">Empty or malformed; the message names the source and line.</exception>
    public static LabelTable Parse(IReadOnlyList<string> lines, string source, LabelVocabulary? labels = null, LabelFileFormat format = LabelFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(source);
        int headerIndex = FirstNonBlank(lines, 0);
        if (headerIndex < 0)
        {
            throw new DataFormatException(source, null, "the label file is empty: expected a header such as 'fname,labels,split' or 'fname,cat,dog'.");
        }

        var header = SplitLine(lines[headerIndex], source, headerIndex + 1);
        if (header.Count < 2)
        {
            throw new DataFormatException(source, headerIndex + 1, $"the header '{lines[headerIndex]}' has {header.Count} column; expected a file-name column and at least one labels column.");
        }

        var table = new Parser(source, header, headerIndex + 1, Resolve(format, header), labels);
        for (int i = headerIndex + 1; i < lines.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                table.Add(SplitLine(lines[i], source, i + 1), i + 1);
            }
        }

        return table.Build();
    }

    /// <summary>Writes rows as <c>fname,labels[,split]</c> with space-separated labels, atomically.</summary>
    public static void WriteSpaceSeparated(string path, IEnumerable<LabelRow> rows, bool includeSplit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(includeSplit ? "fname,labels,split\n" : "fname,labels\n");
        foreach (var row in rows)
        {
            var fields = new List<string> { row.FileName, string.Join(' ', row.Labels) };
            if (includeSplit)
            {
                fields.Add(SplitName(row.Split ?? throw new ArgumentException($"Row {row.FileName} has no split.", nameof(rows))));
            }

            text.Append(Csv.Join(fields)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes rows as one-hot columns under a header of label names (plus a split column when asked), atomically.</summary>
    public static void WriteOneHot(string path, LabelVocabulary labels, IEnumerable<LabelRow> rows, bool includeSplit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        var header = new List<string> { "fname" };
        header.AddRange(labels.Names);
        if (includeSplit)
        {
            header.Add("split");
        }

        var text = new StringBuilder(Csv.Join(header)).Append('\n');
        foreach (var row in rows)
        {
            var fields = new List<string> { row.FileName };
            fields.AddRange(labels.Encode(row.Labels).Select(v => v > 0 ? "1" : "0"));
            if (includeSplit)
            {
                fields.Add(SplitName(row.Split ?? throw new ArgumentException($"Row {row.FileName} has no split.", nameof(rows))));
            }

            text.Append(Csv.Join(fields)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>The name of a split in label files: train, val or test.</summary>
    public static string SplitName(Split split) => split switch
    {
        Split.Train => "train",
        Split.Val => "val",
        Split.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    /// <summary>Parses a split name (train; val, valid or validation; test), case-insensitive; null if unknown.</summary>
    public static Split? ParseSplit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "train" => Split.Train,
        "val" or "valid" or "validation" => Split.Val,
        "test" => Split.Test,
        _ => null,
    };

    private static LabelFileFormat Resolve(LabelFileFormat format, List<string> header) =>
        format != LabelFileFormat.Auto ? format
        : SpaceSeparatedHeaders.Contains(header[1].Trim().ToLowerInvariant()) ? LabelFileFormat.SpaceSeparated
        : LabelFileFormat.OneHot;

    private static int FirstNonBlank(IReadOnlyList<string> lines, int from)
    {
        for (int i = from; i < lines.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitLine(string line, string source, int lineNumber) =>
        Csv.Split(line.TrimStart('\uFEFF')) ?? throw new DataFormatException(source, lineNumber, "a quoted field is not closed.");

    /// <summary>Accumulates and checks rows of one file.</summary>
    private sealed class Parser
    {
        private readonly string source;
        private readonly List<string> header;
        private readonly LabelFileFormat format;
        private readonly LabelVocabulary? expected;
        private readonly int splitColumn;
        private readonly List<int> labelColumns = [];
        private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);
        private readonly List<(string File, List<string> Labels, Split? Split, int Line)> rows = [];

        public Parser(string source, List<string> header, int headerLine, LabelFileFormat format, LabelVocabulary? expected)
        {
            this.source = source;
            this.header = header.Select(h => h.Trim()).ToList();
            this.format = format;
            this.expected = expected;
            splitColumn = this.header.FindIndex(1, h => h.Equals("split", StringComparison.OrdinalIgnoreCase));
            if (format == LabelFileFormat.SpaceSeparated)
            {
                if (header.Count > 3 || (header.Count == 3 && splitColumn != 2))
                {
                    throw new DataFormatException(source, headerLine, $"a space-separated label file has the columns fname,labels[,split]; this header has '{string.Join(",", header)}'.");
                }
            }
            else
            {
                for (int c = 1; c < this.header.Count; c++)
                {
                    if (c != splitColumn)
                    {
                        labelColumns.Add(c);
                    }
                }

                if (labelColumns.Count == 0)
                {
                    throw new DataFormatException(source, headerLine, "the one-hot header has no label columns.");
                }

                var names = labelColumns.Select(c => this.header[c]).ToList();
                try
                {
                    var vocabulary = new LabelVocabulary(names);
                    if (expected is not null && !vocabulary.Names.Order(StringComparer.Ordinal).SequenceEqual(expected.Names.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                    {
                        throw new DataFormatException(source, headerLine, $"the label columns ({string.Join(", ", names)}) differ from the expected labels ({string.Join(", ", expected.Names)}).");
                    }
                }
                catch (ArgumentException ex)
                {
                    throw new DataFormatException(source, headerLine, $"bad label column name: {ex.Message}", ex);
                }
            }
        }

        public void Add(List<string> fields, int line)
        {
            if (fields.Count != header.Count)
            {
                throw new DataFormatException(source, line, $"expected {header.Count} fields ({string.Join(",", header)}), found {fields.Count}.");
            }

            string file = fields[0].Trim();
            if (file.Length == 0)
            {
                throw new DataFormatException(source, line, "the file name is empty.");
            }

            if (seen.TryGetValue(file, out int first))
            {
                throw new DataFormatException(source, line, $"duplicate file name '{file}' (first on line {first}).");
            }

            seen[file] = line;
            Split? split = null;
            if (splitColumn >= 0)
            {
                split = ParseSplit(fields[splitColumn])
                    ?? throw new DataFormatException(source, line, $"unknown split '{fields[splitColumn]}'; use train, val or test.");
            }

            var present = format == LabelFileFormat.SpaceSeparated ? SpaceSeparated(fields[1], line) : OneHot(fields, line);
            rows.Add((file, present, split, line));
        }

        public LabelTable Build()
        {
            if (rows.Count == 0)
            {
                throw new DataFormatException(source, null, "the label file has a header but no rows.");
            }

            LabelVocabulary vocabulary;
            try
            {
                vocabulary = expected
                    ?? (format == LabelFileFormat.OneHot
                        ? new LabelVocabulary(labelColumns.Select(c => header[c]))
                        : new LabelVocabulary(rows.SelectMany(r => r.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            }
            catch (ArgumentException ex)
            {
                // A bad name (a quoted cell can hold a comma): name the line it comes from.
                int? line = format == LabelFileFormat.OneHot
                    ? 1
                    : rows.FirstOrDefault(r => r.Labels.Any(n => n.Any(c => char.IsWhiteSpace(c) || c == ','))).Line is int l and > 0 ? l : null;
                throw new DataFormatException(source, line, $"bad label name: {ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]}", ex);
            }

            var ordered = rows
                .Select(r => new LabelRow(r.File, r.Labels.OrderBy(vocabulary.IndexOf).ToList(), r.Split, r.Line))
                .ToList();
            return new LabelTable(vocabulary, ordered, source);
        }

        private List<string> SpaceSeparated(string cell, int line)
        {
            var names = cell.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
            if (expected is not null)
            {
                foreach (var name in names.Where(n => expected.IndexOf(n) < 0))
                {
                    throw new DataFormatException(source, line, $"unknown label '{name}'; known labels: {string.Join(", ", expected.Names)}.");
                }
            }

            return names;
        }

        private List<string> OneHot(List<string> fields, int line)
        {
            var present = new List<string>();
            foreach (int c in labelColumns)
            {
                switch (fields[c].Trim())
                {
                    case "1":
                        present.Add(header[c]);
                        break;
                    case "0":
                        break;
                    default:
                        throw new DataFormatException(source, line, $"column '{header[c]}' holds '{fields[c]}'; one-hot cells must be 0 or 1.");
                }
            }

            return present;
        }
    }
}
