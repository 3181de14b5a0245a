using System.Formats.Tar;
using System.Security.Cryptography;
using MultiLabel.Data.Downloads;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

public sealed class DownloaderTests
{
    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static DownloadEntry Entry(params DownloadFile[] files) => new("test data", "thing", files);

    [Fact]
    public void Downloads_verifies_stamps_and_does_not_download_again()
    {
        using var server = new LocalHttpServer();
        using var tmp = new TempDir();
        var content = Content(300_000, 1);
        server.Files["/a.bin"] = content;
        var entry = Entry(new DownloadFile("a.bin", [server.Url("/a.bin")], content.Length, Sha(content)));
        using var downloader = new Downloader(tmp.Path);

        var folder = downloader.Ensure(entry);

        Assert.Equal(tmp.Combine("thing"), folder);
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(folder, "a.bin")));
        Assert.Equal(Sha(content), File.ReadAllText(Path.Combine(folder, "a.bin.sha256")).Trim());
        Assert.False(File.Exists(Path.Combine(folder, "a.bin.part")));
        downloader.Ensure(entry);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void An_interrupted_download_resumes_with_a_range_request()
    {
        using var server = new LocalHttpServer();
        using var tmp = new TempDir();
        var content = Content(200_000, 2);
        server.Files["/big.bin"] = content;
        Directory.CreateDirectory(tmp.Combine("thing"));
        File.WriteAllBytes(tmp.Combine("thing", "big.bin.part"), content[..123_456]);
        var entry = Entry(new DownloadFile("big.bin", [server.Url("/big.bin")], content.Length, Sha(content)));
        var reports = new List<DownloadProgress>();
        using var downloader = new Downloader(tmp.Path, progress: new SyncProgress(reports.Add));

        downloader.Ensure(entry);

        Assert.Equal(content, File.ReadAllBytes(tmp.Combine("thing", "big.bin")));
        Assert.Equal(("/big.bin", "bytes=123456-"), Assert.Single(server.Requests));
        Assert.Equal(content.Length, reports[^1].Received);
        Assert.True(reports[0].Received > 123_456);
    }

    [Fact]
    public void A_server_that_ignores_range_still_gives_the_right_file()
    {
        using var server = new LocalHttpServer { IgnoreRange = true };
        using var tmp = new TempDir();
        var content = Content(50_000, 3);
        server.Files["/c.bin"] = content;
        Directory.CreateDirectory(tmp.Combine("thing"));
        File.WriteAllBytes(tmp.Combine("thing", "c.bin.part"), content[..1000]);
        using var downloader = new Downloader(tmp.Path);
        downloader.Ensure(Entry(new DownloadFile("c.bin", [server.Url("/c.bin")], content.Length, Sha(content))));
        Assert.Equal(content, File.ReadAllBytes(tmp.Combine("thing", "c.bin")));
    }

    [Fact]
    public void A_wrong_hash_deletes_the_download_and_says_so()
    {
        using var server = new LocalHttpServer();
        using var tmp = new TempDir();
        var content = Content(10_000, 4);
        server.Files["/d.bin"] = content;
        var wrong = new string('0', 64);
        using var downloader = new Downloader(tmp.Path);
        var ex = Assert.Throws<DownloadVerificationException>(() =>
            downloader.Ensure(Entry(new DownloadFile("d.bin", [server.Url("/d.bin")], content.Length, wrong))));
        Assert.Contains($"has sha256 {Sha(content)}, expected {wrong}", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(tmp.Combine("thing")));
    }

    [Fact]
    public void Mirrors_are_tried_in_order()
    {
        using var server = new LocalHttpServer();
        using var tmp = new TempDir();
        var content = Content(5_000, 5);
        server.Files["/mirror/e.bin"] = content;
        using var downloader = new Downloader(tmp.Path);
        downloader.Ensure(Entry(new DownloadFile("e.bin", [server.Url("/gone/e.bin"), server.Url("/mirror/e.bin")], content.Length, Sha(content))));
        Assert.Equal(content, File.ReadAllBytes(tmp.Combine("thing", "e.bin")));
        Assert.Equal(new[] { "/gone/e.bin", "/mirror/e.bin" }, server.Requests.Select(r => r.Path));
    }

    [Fact]
    public void Offline_or_unreachable_lists_the_files_to_place_by_hand()
    {
        using var tmp = new TempDir();
        var sha = new string('a', 64);
        var url = $"http://127.0.0.1:{LocalHttpServer.FreePort()}/f.bin";
        var entry = Entry(new DownloadFile("f.bin", [url], 1234, sha));

        using var offline = new Downloader(tmp.Path, offline: true);
        var ex = Assert.Throws<DatasetUnavailableException>(() => offline.Ensure(entry));
        Assert.Contains("offline mode", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"put them in {tmp.Combine("thing")}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"f.bin  (1,234 bytes, sha256 {sha})", ex.Message, StringComparison.Ordinal);
        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
        Assert.Contains("MLC_DATA_DIR", ex.Message, StringComparison.Ordinal);

        using var online = new Downloader(tmp.Path);
        var unreachable = Assert.Throws<DatasetUnavailableException>(() => online.Ensure(entry));
        Assert.Contains("the download failed", unreachable.Message, StringComparison.Ordinal);
        Assert.Contains(url, unreachable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_placed_by_hand_is_verified_and_used_offline()
    {
        using var tmp = new TempDir();
        var content = Content(7_000, 6);
        Directory.CreateDirectory(tmp.Combine("thing"));
        File.WriteAllBytes(tmp.Combine("thing", "g.bin"), content);
        using var offline = new Downloader(tmp.Path, offline: true);
        offline.Ensure(Entry(new DownloadFile("g.bin", ["http://127.0.0.1:1/never"], content.Length, Sha(content))));
        Assert.True(File.Exists(tmp.Combine("thing", "g.bin.sha256")));

        // A corrupt copy is not accepted.
        File.WriteAllBytes(tmp.Combine("thing", "h.bin"), content);
        Assert.Throws<DatasetUnavailableException>(() =>
            offline.Ensure(Entry(new DownloadFile("h.bin", ["http://127.0.0.1:1/never"], content.Length, new string('b', 64)))));
    }

    [Fact]
    public void Archives_are_extracted_once_after_download()
    {
        using var server = new LocalHttpServer();
        using var tmp = new TempDir();
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "VOCdevkit/VOC2007/readme.txt") { DataStream = new MemoryStream("hello"u8.ToArray()) };
            writer.WriteEntry(entry);
        }

        var bytes = tar.ToArray();
        server.Files["/data.tar"] = bytes;
        using var downloader = new Downloader(tmp.Path);
        var folder = downloader.Ensure(Entry(new DownloadFile("data.tar", [server.Url("/data.tar")], bytes.Length, Sha(bytes), Extract: true)));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(folder, "VOCdevkit", "VOC2007", "readme.txt")));
        Assert.True(File.Exists(Path.Combine(folder, ".extracted-data.tar")));
    }

    [Fact]
    public void The_embedded_manifest_is_the_repository_file_with_real_hashes()
    {
        var manifest = DownloadManifest.Embedded;
        Assert.Equal(DownloadManifest.Load(RepoPaths.Combine("data", "downloads.json")), manifest, new ManifestComparer());
        Assert.Equal(["mnist", "resnet18", "voc2007"], manifest.Datasets.Keys.Order());
        var mnist = manifest.Get("MNIST");
        Assert.Equal(4, mnist.Files.Count);
        Assert.Equal("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", mnist.Files[0].Sha256);
        Assert.All(manifest.Datasets.Values.SelectMany(e => e.Files), f => Assert.True(f.Size > 0 && f.Urls.All(u => u.StartsWith("http", StringComparison.Ordinal))));
        Assert.StartsWith("f37072fd", manifest.Get("resnet18").Files[0].Sha256, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => manifest.Get("imagenet"));
    }

    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    private sealed class ManifestComparer : IEqualityComparer<DownloadManifest>
    {
        public bool Equals(DownloadManifest? x, DownloadManifest? y) =>
            x is not null && y is not null && x.Datasets.Count == y.Datasets.Count
            && x.Datasets.All(kv => y.Datasets.TryGetValue(kv.Key, out var other) && kv.Value.Files.Select(f => f.Sha256).SequenceEqual(other.Files.Select(f => f.Sha256)));

        public int GetHashCode(DownloadManifest obj) => obj.Datasets.Count;
    }
}
