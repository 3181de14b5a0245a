namespace MultiLabel.Metrics;

/// <summary>
/// The lines of a file as UTF-8 byte spans, read through one reusable buffer (1 MiB, grown only for a longer line):
/// what <see cref="CsvMatrix"/> parses without a string per line.
/// </summary>
internal sealed class CsvLines(Stream stream, long limit = long.MaxValue)
{
    private long remaining = limit;
    private long consumed;

    /// <summary>The longest line read (64 MiB): a longer one is not a row of numbers, and reading it would not end well.</summary>
    public const int MaxLineBytes = 64 << 20;

    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private bool finished;

    /// <summary>Bytes of the stream the lines returned so far took, line breaks included (where the next line starts).</summary>
    public long Consumed => consumed;

    /// <summary>
    /// Number of lines in the next <paramref name="limit"/> bytes of <paramref name="stream"/> (to its end by default;
    /// a last line without a newline counts).
    /// </summary>
    public static long CountLines(Stream stream, long limit = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var chunk = new byte[1 << 20];
        long lines = 0;
        byte last = (byte)'\n';
        for (int read; limit > 0 && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit))) > 0; limit -= read)
        {
            lines += chunk.AsSpan(0, read).Count((byte)'\n');
            last = chunk[read - 1];
        }

        return lines + (last == (byte)'\n' ? 0 : 1);
    }

    /// <summary>The next line without its line break (a trailing '\r' is left for the caller to trim); false at the end.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = buffer.AsSpan(start, newline);
                start += newline + 1;
                consumed += newline + 1;
                return true;
            }

            if (finished)
            {
                line = buffer.AsSpan(start, end - start);
                bool any = end > start;
                consumed += end - start;
                start = end;
                return any;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxLineBytes)
            {
                throw new LineTooLongException();
            }

            Array.Resize(ref buffer, buffer.Length * 2);
        }

        int read = remaining <= 0 ? 0 : stream.Read(buffer, end, (int)Math.Min(buffer.Length - end, remaining));
        remaining -= read;
        if (read == 0)
        {
            finished = true;
        }

        end += read;
    }

    /// <summary>A line longer than <see cref="MaxLineBytes"/>.</summary>
    internal sealed class LineTooLongException : Exception;
}
