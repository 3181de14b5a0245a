namespace MultiLabel.Metrics;

/// <summary>Cuts the data rows of a CSV file into parts that start and end at line starts, for a parallel parse.</summary>
internal static class CsvParts
{
    /// <summary>A byte range of whole lines, its first line number (1-based, in the file) and its first row index.</summary>
    internal sealed record Part(long Start, long End, long FirstLine, long FirstRow, long Lines);

    /// <summary>About <paramref name="count"/> parts of the bytes from <paramref name="dataStart"/> (the first data line) to <paramref name="length"/>.</summary>
    public static IReadOnlyList<Part> Plan(string path, long dataStart, long length, int count)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        var cuts = new List<long> { dataStart };
        for (int k = 1; k < count; k++)
        {
            long cut = NextLineStart(file, Math.Max(cuts[^1], dataStart + ((length - dataStart) * k / count)), length);
            if (cut > cuts[^1] && cut < length)
            {
                cuts.Add(cut);
            }
        }

        cuts.Add(length);
        var parts = new List<Part>();
        long line = 2, row = 0;
        for (int k = 0; k + 1 < cuts.Count; k++)
        {
            file.Position = cuts[k];
            long lines = CsvLines.CountLines(file, cuts[k + 1] - cuts[k]);
            parts.Add(new Part(cuts[k], cuts[k + 1], line, row, lines));
            line += lines;
            row += lines;
        }

        return parts;
    }

    /// <summary>The position just after the first line break at or after <paramref name="from"/> (or the end).</summary>
    private static long NextLineStart(FileStream file, long from, long length)
    {
        var chunk = new byte[1 << 16];
        file.Position = from;
        for (long at = from; at < length;)
        {
            int read = file.Read(chunk, 0, (int)Math.Min(chunk.Length, length - at));
            if (read == 0)
            {
                break;
            }

            int newline = chunk.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return at + newline + 1;
            }

            at += read;
        }

        return length;
    }
}
