using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiLabel.Data.Mnist;

/// <summary>
/// Reads IDX files (http://yann.lecun.com/exdb/mnist/ "FILE FORMATS"), raw or gzip-compressed (detected from the
/// content, not the name): a 4-byte magic number (0, 0, type 0x08 for unsigned bytes, number of dimensions), one
/// big-endian 32-bit size per dimension, then the data. Wrong magic, a truncated body or an absurd size is a
/// <see cref="DataFormatException"/> naming the file; the body is read only up to the declared size, so a crafted
/// gzip file cannot expand without bound.
/// Taught in notebooks/10-capstone.ipynb.
/// </summary>
public static class IdxFile
{
    /// <summary>Largest body accepted (1 GiB).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Reads an IDX file.</summary>
    /// <exception cref="DataFormatException">Missing, not IDX, not unsigned bytes, truncated or too large.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> probe = stackalloc byte[2];
            int got = file.ReadAtLeast(probe, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = got == 2 && probe[0] == 0x1F && probe[1] == 0x8B;
            using Stream body = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            return Read(body, path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, null, "IDX file not found.", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(path, null, $"corrupt gzip data ({ex.Message}).", ex);
        }
    }

    /// <summary>Reads an IDX array from a stream; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="DataFormatException">Not IDX, not unsigned bytes, truncated or too large.</exception>
    public static IdxArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
        {
            throw new DataFormatException(source, null, "not an IDX file: shorter than the 4-byte magic number.");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new DataFormatException(source, null, $"not an IDX file: magic number {Convert.ToHexString(magic)} does not start with 0000.");
        }

        if (magic[2] != 0x08)
        {
            throw new DataFormatException(source, null, $"IDX data type 0x{magic[2]:X2} is not supported; only unsigned bytes (0x08), as in MNIST.");
        }

        int dims = magic[3];
        if (dims is < 1 or > 4)
        {
            throw new DataFormatException(source, null, $"IDX files with {dims} dimensions are not supported (1 to 4).");
        }

        var header = new byte[4 * dims];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new DataFormatException(source, null, "truncated: the dimension sizes are incomplete.");
        }

        var shape = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * d));
            total *= size;
            if (size > int.MaxValue || total > MaxBytes)
            {
                throw new DataFormatException(source, null, $"declared shape is too large ({string.Join(" x ", shape.Take(d))} x {size}...; at most {MaxBytes:N0} bytes).");
            }

            shape[d] = (int)size;
        }

        var data = new byte[total];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
        {
            throw new DataFormatException(source, null, $"truncated: the header declares {string.Join(" x ", shape)} = {total:N0} bytes of data, the file has {read:N0}.");
        }

        return new IdxArray(shape, data);
    }

    /// <summary>Writes an unsigned-byte IDX file (raw), e.g. for tests and small exports.</summary>
    public static void Write(string path, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(array);
        using var file = File.Create(path);
        file.Write([0, 0, 0x08, (byte)array.Shape.Count]);
        Span<byte> size = stackalloc byte[4];
        foreach (var d in array.Shape)
        {
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)d);
            file.Write(size);
        }

        file.Write(array.Data);
    }
}
