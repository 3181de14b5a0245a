using System.Globalization;
using System.Text;

namespace MultiLabel.Runtime;

/// <summary>
/// A libstdc++ symbol version such as <c>GLIBCXX_3.4.32</c>: the ABI level a native library needs or a
/// system libstdc++ provides.
/// </summary>
/// <param name="Patch">The last number (32 in GLIBCXX_3.4.32); GLIBCXX_3.4 itself has patch 0.</param>
public readonly record struct GlibcxxVersion(int Patch) : IComparable<GlibcxxVersion>
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("GLIBCXX_3.4");

    /// <summary>The version TorchSharp 0.107.0's libLibTorchSharp.so needs.</summary>
    public static GlibcxxVersion TorchSharpRequirement { get; } = new(32);

    /// <inheritdoc />
    public int CompareTo(GlibcxxVersion other) => Patch.CompareTo(other.Patch);

    /// <summary>Compares two versions.</summary>
    public static bool operator <(GlibcxxVersion left, GlibcxxVersion right) => left.Patch < right.Patch;

    /// <summary>Compares two versions.</summary>
    public static bool operator >(GlibcxxVersion left, GlibcxxVersion right) => left.Patch > right.Patch;

    /// <summary>Compares two versions.</summary>
    public static bool operator <=(GlibcxxVersion left, GlibcxxVersion right) => left.Patch <= right.Patch;

    /// <summary>Compares two versions.</summary>
    public static bool operator >=(GlibcxxVersion left, GlibcxxVersion right) => left.Patch >= right.Patch;

    /// <summary>The symbol-version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public override string ToString() =>
        Patch == 0 ? "GLIBCXX_3.4" : string.Create(CultureInfo.InvariantCulture, $"GLIBCXX_3.4.{Patch}");

    /// <summary>
    /// Every GLIBCXX_3.4.N version string in a binary: for a libstdc++ the versions it provides, for a library
    /// linked against it the versions it needs. Reads the bytes; needs neither binutils nor a loadable file.
    /// </summary>
    public static IReadOnlySet<GlibcxxVersion> ReadAll(ReadOnlySpan<byte> binary)
    {
        var found = new SortedSet<GlibcxxVersion>();
        int start = 0;
        while (start < binary.Length)
        {
            int hit = binary[start..].IndexOf(Prefix);
            if (hit < 0)
            {
                break;
            }

            int pos = start + hit + Prefix.Length;
            if (pos < binary.Length && binary[pos] == (byte)'.')
            {
                int digits = pos + 1, value = 0, count = 0;
                while (digits < binary.Length && count < 4 && binary[digits] is >= (byte)'0' and <= (byte)'9')
                {
                    value = (value * 10) + (binary[digits] - '0');
                    digits++;
                    count++;
                }

                if (count > 0 && (digits >= binary.Length || binary[digits] == 0))
                {
                    found.Add(new GlibcxxVersion(value));
                }
            }
            else if (pos < binary.Length && binary[pos] == 0)
            {
                found.Add(new GlibcxxVersion(0));
            }

            start = pos;
        }

        return found;
    }

    /// <summary>Reads <see cref="ReadAll(ReadOnlySpan{byte})"/> from a file.</summary>
    public static IReadOnlySet<GlibcxxVersion> ReadAll(string path) => ReadAll(File.ReadAllBytes(path));
}
