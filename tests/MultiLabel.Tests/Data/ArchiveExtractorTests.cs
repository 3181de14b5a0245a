using System.Formats.Tar;
using System.IO.Compression;
using MultiLabel.Data.Downloads;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

public sealed class ArchiveExtractorTests
{
    private static string Tar(string folder, string name, bool gzip, params (string Path, TarEntryType Type, string? Link)[] entries)
    {
        var path = Path.Combine(folder, name);
        using (Stream file = File.Create(path))
        using (Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            foreach (var (entryPath, type, link) in entries)
            {
                var entry = new PaxTarEntry(type, entryPath);
                if (type == TarEntryType.RegularFile)
                {
                    entry.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("content of " + entryPath));
                }

                if (link is not null)
                {
                    entry.LinkName = link;
                }

                writer.WriteEntry(entry);
            }
        }

        return path;
    }

    [Fact]
    public void A_tar_with_a_parent_path_is_rejected_before_anything_is_written()
    {
        using var tmp = new TempDir();
        var archive = Tar(tmp.Path, "evil.tar", false, ("good.txt", TarEntryType.RegularFile, null), ("../evil.txt", TarEntryType.RegularFile, null));
        var target = tmp.Combine("out");
        var ex = Assert.Throws<UnsafeArchiveException>(() => ArchiveExtractor.Extract(archive, target));
        Assert.Contains("'../evil.txt'", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(tmp.Combine("evil.txt")));
        Assert.False(File.Exists(Path.Combine(target, "good.txt")));
    }

    [Theory]
    [InlineData("/etc/evil.txt", TarEntryType.RegularFile, null, "absolute path")]
    [InlineData("a/../../evil.txt", TarEntryType.RegularFile, null, "'..' segment")]
    [InlineData("link", TarEntryType.SymbolicLink, "/etc/passwd", "is a link")]
    [InlineData("hard", TarEntryType.HardLink, "../x", "is a link")]
    public void Absolute_paths_dot_dot_and_links_are_rejected(string name, TarEntryType type, string? link, string reason)
    {
        using var tmp = new TempDir();
        var archive = Tar(tmp.Path, "bad.tar.gz", true, (name, type, link));
        var ex = Assert.Throws<UnsafeArchiveException>(() => ArchiveExtractor.Extract(archive, tmp.Combine("out")));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_safe_tar_gz_extracts_its_tree()
    {
        using var tmp = new TempDir();
        var archive = Tar(tmp.Path, "ok.tgz", true, ("dir/", TarEntryType.Directory, null), ("dir/a.txt", TarEntryType.RegularFile, null), ("b.txt", TarEntryType.RegularFile, null));
        Assert.Equal(2, ArchiveExtractor.Extract(archive, tmp.Combine("out")));
        Assert.Equal("content of dir/a.txt", File.ReadAllText(tmp.Combine("out", "dir", "a.txt")));
    }

    [Fact]
    public void A_zip_with_a_parent_path_is_rejected_and_a_safe_zip_extracts()
    {
        using var tmp = new TempDir();
        var bad = tmp.Combine("bad.zip");
        using (var zip = ZipFile.Open(bad, ZipArchiveMode.Create))
        {
            zip.CreateEntry("ok.txt");
            zip.CreateEntry("../../escape.txt");
        }

        Assert.Throws<UnsafeArchiveException>(() => ArchiveExtractor.Extract(bad, tmp.Combine("out")));
        Assert.False(Directory.Exists(tmp.Combine("out")) && Directory.EnumerateFileSystemEntries(tmp.Combine("out")).Any());

        var good = tmp.Combine("good.zip");
        using (var zip = ZipFile.Open(good, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("sub/x.txt").Open());
            writer.Write("x");
        }

        Assert.Equal(1, ArchiveExtractor.Extract(good, tmp.Combine("zipout")));
        Assert.Equal("x", File.ReadAllText(tmp.Combine("zipout", "sub", "x.txt")));
    }
}
