using System.Formats.Tar;
using System.IO.Compression;

namespace MultiLabel.Data.Downloads;

/// <summary>
/// Unpacks tar, tar.gz and zip archives (the format is read from the content) safely: every entry is checked before
/// anything is written, and an absolute path, a <c>..</c> segment, a path that resolves outside the target folder,
/// a symbolic or hard link, or a device entry makes the whole archive fail with <see cref="UnsafeArchiveException"/>.
/// </summary>
public static class ArchiveExtractor
{
    /// <summary>Extracts <paramref name="archive"/> into <paramref name="destination"/> (created if needed); returns the number of files written.</summary>
    /// <exception cref="UnsafeArchiveException">An entry would escape the folder or is a link or device; nothing was written.</exception>
    /// <exception cref="InvalidDataException">The archive is corrupt.</exception>
    public static int Extract(string archive, string destination)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(destination);
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var kind = Sniff(archive);
        if (kind == Kind.Zip)
        {
            using var zip = ZipFile.OpenRead(archive);
            foreach (var entry in zip.Entries)
            {
                Target(root, entry.FullName, archive);
            }

            int written = 0;
            foreach (var entry in zip.Entries)
            {
                var target = Target(root, entry.FullName, archive);
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: true);
                written++;
            }

            return written;
        }

        // Two passes over the tar: check every header, then extract.
        ForEachTarEntry(archive, kind, entry =>
        {
            Check(entry, root, archive);
        });
        int files = 0;
        ForEachTarEntry(archive, kind, entry =>
        {
            var target = Check(entry, root, archive);
            if (target is null)
            {
                return;
            }

            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(target);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
            files++;
        });
        return files;
    }

    private enum Kind
    {
        Tar,
        TarGz,
        Zip,
    }

    private static Kind Sniff(string archive)
    {
        Span<byte> head = stackalloc byte[4];
        using (var file = File.OpenRead(archive))
        {
            int n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            if (n >= 2 && head[0] == 0x1F && head[1] == 0x8B)
            {
                return Kind.TarGz;
            }

            if (n >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
            {
                return Kind.Zip;
            }
        }

        return Kind.Tar;
    }

    private static void ForEachTarEntry(string archive, Kind kind, Action<TarEntry> action)
    {
        using var file = File.OpenRead(archive);
        using Stream stream = kind == Kind.TarGz ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            action(entry);
        }
    }

    /// <summary>The target path of a tar entry, or null for entries that carry no file (global headers).</summary>
    private static string? Check(TarEntry entry, string root, string archive)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                throw new UnsafeArchiveException($"{archive}: entry '{entry.Name}' is a link to '{entry.LinkName}'; links are not extracted, so nothing was.");
            case TarEntryType.BlockDevice or TarEntryType.CharacterDevice or TarEntryType.Fifo:
                throw new UnsafeArchiveException($"{archive}: entry '{entry.Name}' is a device or pipe; nothing was extracted.");
            case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                return null;
            default:
                return Target(root, entry.Name, archive);
        }
    }

    private static string Target(string root, string name, string archive)
    {
        var normalized = name.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.StartsWith('/') || Path.IsPathRooted(name) || (normalized.Length > 1 && normalized[1] == ':')
            || normalized.Split('/').Contains(".."))
        {
            throw new UnsafeArchiveException($"{archive}: entry '{name}' has an absolute path or a '..' segment and would be written outside {root}; nothing was extracted.");
        }

        var full = Path.GetFullPath(Path.Combine(root, normalized));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UnsafeArchiveException($"{archive}: entry '{name}' resolves to {full}, outside {root}; nothing was extracted.");
        }

        return full;
    }
}
