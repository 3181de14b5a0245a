using System.Buffers.Binary;

namespace MultiLabel.Imaging;

/// <summary>
/// ImageSharp decodes a truncated JPEG, BMP, GIF or WebP without complaint (the missing rows come out black), so
/// a half-downloaded file would train silently on garbage. These checks read each format's own end marker or
/// declared length and name what is missing.
/// </summary>
internal static class TruncationCheck
{
    /// <summary>Why the file looks truncated, or null when it is complete (or the format has no cheap check).</summary>
    public static string? Find(ReadOnlySpan<byte> data, string formatName) => formatName.ToUpperInvariant() switch
    {
        "PNG" => Png(data),
        "JPEG" => Jpeg(data),
        "BMP" => Bmp(data),
        "GIF" => Gif(data),
        "WEBP" => Webp(data),
        _ => null,
    };

    private static string? Png(ReadOnlySpan<byte> data)
    {
        int end = data.LastIndexOf("IEND"u8);
        return end >= 0 && end + 8 <= data.Length ? null : "truncated: the PNG ends before its IEND chunk.";
    }

    private static string? Jpeg(ReadOnlySpan<byte> data)
    {
        // Inside entropy-coded data every 0xFF is followed by 0x00, so the last end-of-image marker (FF D9) must come
        // after the last start-of-scan (FF DA); an EXIF thumbnail's own EOI near the start does not count.
        int eoi = data.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
        int sos = data.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        return eoi > sos ? null : "truncated: the JPEG ends before its end-of-image marker (FF D9).";
    }

    private static string? Bmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 6)
        {
            return "truncated: the BMP header is incomplete.";
        }

        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(data[2..]);
        return declared == 0 || data.Length >= declared ? null : $"truncated: the BMP header declares {declared:N0} bytes, the file has {data.Length:N0}.";
    }

    private static string? Gif(ReadOnlySpan<byte> data)
    {
        var trimmed = data.TrimEnd((byte)0);
        return trimmed.Length > 0 && trimmed[^1] == 0x3B ? null : "truncated: the GIF ends before its trailer byte (0x3B).";
    }

    private static string? Webp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12)
        {
            return "truncated: the WebP header is incomplete.";
        }

        long declared = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) + 8L;
        return data.Length >= declared ? null : $"truncated: the RIFF header declares {declared:N0} bytes, the file has {data.Length:N0}.";
    }
}
