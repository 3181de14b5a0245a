using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Writes NumPy .npy files (format 1.0, little-endian, C order) so Python reads the benchmark data as is.</summary>
internal static class NpyFile
{
    public static void Write(string path, ReadOnlySpan<byte> values, params int[] shape) => Write(path, "|u1", MemoryMarshal.AsBytes(values), shape);

    public static void Write(string path, ReadOnlySpan<float> values, params int[] shape) => Write(path, "<f4", MemoryMarshal.AsBytes(values), shape);

    public static void Write(string path, ReadOnlySpan<double> values, params int[] shape) => Write(path, "<f8", MemoryMarshal.AsBytes(values), shape);

    private static void Write(string path, string descr, ReadOnlySpan<byte> data, int[] shape)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The .npy writer assumes a little-endian machine.");
        }

        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = File.Create(path);
        stream.WriteByte(0x93);
        stream.Write("NUMPY"u8);
        stream.WriteByte(1);
        stream.WriteByte(0);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
    }
}
