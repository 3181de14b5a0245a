using MultiLabel.Data;
using MultiLabel.Data.Analysis;
using MultiLabel.Data.Shapes;
using MultiLabel.Imaging;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

/// <summary>The shipped data/shapes files against the generator that made them.</summary>
public sealed class ShapesFilesTests
{
    private static readonly string Shipped = RepoPaths.Combine("data", "shapes");

    [Fact]
    public void Regenerated_images_are_byte_identical_to_the_shipped_files()
    {
        var options = ShapesOptions.Shipped;
        foreach (int i in new[] { 0, 1, 2, 3, 17, 250, 1999, options.Count - 1 })
        {
            var sample = ShapesGenerator.GenerateOne(options, i);
            var png = PngCodec.Encode(sample.Pixels, sample.Size, sample.Size);
            var shipped = File.ReadAllBytes(Path.Combine(Shipped, ShapesFiles.ImagesFolder, ShapesGenerator.FileName(i)));
            Assert.True(png.AsSpan().SequenceEqual(shipped), $"{ShapesGenerator.FileName(i)} differs from a fresh generation");
        }
    }

    [Fact]
    public void The_shipped_label_file_agrees_with_the_generator_row_by_row()
    {
        var table = ShapesFiles.ReadLabels(Shipped);
        var expected = ShapesGenerator.DescribeAll(ShapesOptions.Shipped).Select(ShapesFiles.Row).ToList();
        Assert.Equal(ShapesOptions.ShippedCount, table.Rows.Count);
        Assert.Equal(ShapesGenerator.Labels, table.Labels);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].FileName, table.Rows[i].FileName);
            Assert.Equal(expected[i].Labels, table.Rows[i].Labels);
            Assert.Equal(expected[i].Split, table.Rows[i].Split);
        }

        Assert.Equal(ShapesOptions.ShippedCount, Directory.GetFiles(Path.Combine(Shipped, ShapesFiles.ImagesFolder), "*.png").Length);
    }

    [Fact]
    public void The_shipped_datasheet_is_the_one_rendered_from_the_label_file()
    {
        var table = ShapesFiles.ReadLabels(Shipped);
        long bytes = Directory.GetFiles(Path.Combine(Shipped, ShapesFiles.ImagesFolder)).Sum(f => new FileInfo(f).Length);
        var expected = ShapesDatasheet.Render(ShapesOptions.Shipped, table, bytes);
        Assert.Equal(expected, File.ReadAllText(Path.Combine(Shipped, ShapesFiles.DatasheetFileName)));
        Assert.Contains("mlc data shapes --out data/shapes --count 4000 --seed 2024", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_data_is_imbalanced_has_empty_images_and_fits_the_size_budget()
    {
        var stats = DatasetStatistics.BySplit(ShapesFiles.ReadLabels(Shipped));
        var all = stats[^1];
        Assert.Equal(["train", "val", "test", "all"], stats.Select(s => s.Name));
        Assert.True(all.Rarest.Fraction <= 0.05, $"rarest label {all.Rarest.Label} is in {all.Rarest.Fraction:P1} of images");
        Assert.Equal("star", all.Rarest.Label);
        Assert.InRange(all.Cardinality.EmptyFraction, 0.03, 0.15);
        Assert.Equal(4, all.Cardinality.Max);
        Assert.All(stats.Take(3), s => Assert.All(s.Frequencies, f => Assert.True(f.Count > 0, $"{f.Label} missing from {s.Name}")));
        long bytes = Directory.GetFiles(Shipped, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes <= 15L << 20, $"data/shapes holds {bytes / 1048576.0:F1} MiB");
    }

    [Fact]
    public void Writing_twice_gives_byte_identical_folders_and_removes_stale_images()
    {
        using var tmp = new TempDir();
        var options = new ShapesOptions(Count: 24, Seed: 99);
        ShapesFiles.Write(options with { Count = 30 }, tmp.Combine("a"));
        var result = ShapesFiles.Write(options, tmp.Combine("a"));
        ShapesFiles.Write(options, tmp.Combine("b"));
        Assert.Equal(24, result.Images);

        var a = Directory.GetFiles(tmp.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tmp.Combine("a"), f)).Order().ToList();
        var b = Directory.GetFiles(tmp.Combine("b"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tmp.Combine("b"), f)).Order().ToList();
        Assert.Equal(b, a);
        Assert.Equal(24 + 2, a.Count);
        foreach (var file in a)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(tmp.Combine("a"), file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(tmp.Combine("b"), file))), file);
        }

        Assert.Equal(result.ImageBytes, Directory.GetFiles(tmp.Combine("a", "images")).Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public void Descriptions_match_the_drawn_images_and_files_decode_to_the_generated_pixels()
    {
        using var tmp = new TempDir();
        var options = new ShapesOptions(Count: 12, ImageSize: 40, Seed: 5);
        ShapesFiles.Write(options, tmp.Path);
        var all = ImageFolderDataset.Open(tmp.Path, ShapesFiles.ReadLabels(tmp.Path), new ImageFolderOptions(Preload: true));
        for (int i = 0; i < options.Count; i++)
        {
            var sample = ShapesGenerator.GenerateOne(options, i);
            Assert.Equal(sample.Shapes, ShapesGenerator.DescribeOne(options, i).Shapes);
            Assert.Equal(sample.Pixels, all.GetRgb(i).Pixels);
            Assert.Equal(ShapesGenerator.Labels.Encode(sample.LabelNames), all.GetTarget(i).ToArray());
        }
    }

    [Fact]
    public void The_locator_finds_the_repository_copy_and_generates_a_cache_copy_once()
    {
        Assert.Equal(Path.GetFullPath(Shipped), ShapesLocator.FindShipped());

        using var tmp = new TempDir();
        var options = new ShapesOptions(Count: 10, ImageSize: 32, Seed: 4);
        var folder = ShapesLocator.EnsureGenerated(options, tmp.Path);
        Assert.StartsWith(tmp.Path, folder, StringComparison.Ordinal);
        var labels = Path.Combine(folder, ShapesFiles.LabelsFileName);
        var written = File.GetLastWriteTimeUtc(labels);
        Assert.Equal(folder, ShapesLocator.EnsureGenerated(options, tmp.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(labels));
        Assert.Equal(10, ShapesFiles.ReadLabels(folder).Rows.Count);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, "*.tmp-*"));
    }
}
