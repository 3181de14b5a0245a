using System.IO.Compression;
using MultiLabel.Data;
using MultiLabel.Data.Mnist;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

public sealed class MnistTests
{
    /// <summary>Writes tiny MNIST files: n training and m test digits; digit k is a filled square of value 10k + 5 labelled k % 10.</summary>
    internal static void WriteTinyMnist(string folder, int n = 30, int m = 12, bool gzip = true, bool dotted = false)
    {
        Directory.CreateDirectory(folder);
        IdxArray Images(int count)
        {
            var data = new byte[count * 28 * 28];
            for (int k = 0; k < count; k++)
            {
                for (int y = 8; y < 20; y++)
                {
                    for (int x = 8; x < 20; x++)
                    {
                        data[(k * 784) + (y * 28) + x] = (byte)((10 * (k % 25)) + 5);
                    }
                }
            }

            return new IdxArray([count, 28, 28], data);
        }

        IdxArray Labels(int count) => new([count], Enumerable.Range(0, count).Select(k => (byte)(k % 10)).ToArray());
        var arrays = new[] { Images(n), Labels(n), Images(m), Labels(m) };
        for (int i = 0; i < 4; i++)
        {
            var name = MnistDigits.FileNames[i];
            if (dotted)
            {
                name = name.Replace("-idx", ".idx", StringComparison.Ordinal);
            }

            var raw = Path.Combine(folder, name);
            IdxFile.Write(raw, arrays[i]);
            if (gzip)
            {
                using (var input = File.OpenRead(raw))
                using (var output = new GZipStream(File.Create(raw + ".gz"), CompressionLevel.Fastest))
                {
                    input.CopyTo(output);
                }

                File.Delete(raw);
            }
        }
    }

    [Fact]
    public void Idx_files_read_raw_and_gzipped_with_their_shape()
    {
        using var tmp = new TempDir();
        var array = new IdxArray([2, 3], [1, 2, 3, 4, 5, 6]);
        var raw = tmp.Combine("x.idx");
        IdxFile.Write(raw, array);
        Assert.Equal([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6], File.ReadAllBytes(raw));
        var back = IdxFile.Read(raw);
        Assert.Equal(new[] { 2, 3 }, back.Shape);
        Assert.Equal(new byte[] { 4, 5, 6 }, back.Item(1).ToArray());

        var gz = tmp.Combine("x.idx.weird-name");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            output.Write(File.ReadAllBytes(raw));
        }

        Assert.Equal(array.Data, IdxFile.Read(gz).Data);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 9 }, "does not start with 0000")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 9, 9, 9, 9 }, "data type 0x0D is not supported")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 2 }, "truncated: the dimension sizes are incomplete")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 5, 1, 2 }, "truncated: the header declares 5 = 5 bytes of data, the file has 2")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1 }, "declared shape is too large")]
    [InlineData(new byte[] { 0, 0 }, "shorter than the 4-byte magic number")]
    public void Malformed_idx_files_are_errors_naming_the_file(byte[] bytes, string message)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("bad-idx1-ubyte");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void The_four_files_load_under_either_naming(bool gzip, bool dotted)
    {
        using var tmp = new TempDir();
        WriteTinyMnist(tmp.Path, gzip: gzip, dotted: dotted);
        var digits = MnistDigits.Load(tmp.Path);
        Assert.Equal(30, digits.TrainImages.Count);
        Assert.Equal(12, digits.TestLabels.Count);
        Assert.Equal(7, digits.TrainLabels.Data[17]);
    }

    [Fact]
    public void Missing_or_inconsistent_files_are_reported()
    {
        using var tmp = new TempDir();
        var missing = Assert.Throws<DataFormatException>(() => MnistDigits.Load(tmp.Path));
        Assert.Contains("train-images-idx3-ubyte.gz", missing.Message, StringComparison.Ordinal);

        WriteTinyMnist(tmp.Path, gzip: false);
        IdxFile.Write(Path.Combine(tmp.Path, "t10k-labels-idx1-ubyte"), new IdxArray([11], new byte[11]));
        var mismatch = Assert.Throws<DataFormatException>(() => MnistDigits.Load(tmp.Path));
        Assert.Contains("expected 12 labels", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_digit_images_are_deterministic_and_labelled_with_the_digits_they_show()
    {
        using var tmp = new TempDir();
        WriteTinyMnist(tmp.Path);
        var digits = MnistDigits.Load(tmp.Path);
        var options = new MultiMnistOptions(Count: 40, CanvasSize: 64, Seed: 7);
        var a = new MultiMnistDataset(digits.TrainImages, digits.TrainLabels, Enumerable.Range(0, 30).ToArray(), options);
        var b = new MultiMnistDataset(digits.TrainImages, digits.TrainLabels, Enumerable.Range(0, 30).ToArray(), options);
        Assert.Equal(MultiMnistDataset.DigitLabels, a.Labels);
        for (int i = 0; i < a.Count; i++)
        {
            var placed = a.Digits(i);
            Assert.InRange(placed.Count, 1, 4);
            Assert.Equal(placed, b.Digits(i));
            Assert.Equal(a.Compose(i), b.Compose(i));
            var expected = new float[10];
            foreach (var (source, x, y) in placed)
            {
                expected[digits.TrainLabels.Data[source]] = 1;
                Assert.InRange(x, 0, 64 - 28);
                Assert.InRange(y, 0, 64 - 28);
            }

            Assert.Equal(expected, a.GetTarget(i).ToArray());

            // The canvas is the pixel-wise maximum of the placed digits.
            var canvas = a.Compose(i);
            var (s0, x0, y0) = placed[0];
            byte top = canvas[((y0 + 10) * 64) + x0 + 10];
            Assert.Equal(placed.Where(p => p.X <= x0 + 10 && x0 + 10 < p.X + 28 && p.Y <= y0 + 10 && y0 + 10 < p.Y + 28)
                .Max(p => digits.TrainImages.Item(p.Source)[((y0 + 10 - p.Y) * 28) + x0 + 10 - p.X]), top);
            Assert.True(top >= digits.TrainImages.Item(s0)[(10 * 28) + 10]);
        }

        Assert.Contains(Enumerable.Range(0, a.Count), i => a.Digits(i).Count >= 3);
        using var image = a.GetImage(3);
        Assert.Equal(new long[] { 3, 64, 64 }, image.shape);
        Assert.True(image[0].equal(image[2]).all().item<bool>());
    }

    [Fact]
    public void The_catalog_builds_three_splits_from_a_folder_of_idx_files()
    {
        using var tmp = new TempDir();
        WriteTinyMnist(tmp.Path, n: 60, m: 20);
        var data = DatasetCatalog.Load(new DataSourceOptions("mnist-multi", tmp.Path, Count: 100, ImageSize: 56));
        Assert.Equal((70, 15, 15), (data.Train.Count, data.Val.Count, data.Test.Count));
        Assert.Null(data.TrainTransform);
        using var image = data.Test.GetImage(0);
        Assert.Equal(new long[] { 3, 56, 56 }, image.shape);
    }
}
