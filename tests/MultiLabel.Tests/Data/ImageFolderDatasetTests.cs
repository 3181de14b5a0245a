using MultiLabel.Data;
using MultiLabel.Imaging;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

public sealed class ImageFolderDatasetTests
{
    /// <summary>A folder with three 4x4 PNGs (solid colours) and a label file.</summary>
    private static (TempDir Dir, string Csv) Folder(string? extraRow = null)
    {
        var tmp = new TempDir();
        for (int i = 0; i < 3; i++)
        {
            var pixels = Enumerable.Repeat((byte)(50 * (i + 1)), 4 * 4 * 3).ToArray();
            File.WriteAllBytes(tmp.Combine($"img{i}.png"), PngCodec.Encode(new RgbImage(4, 4, pixels)));
        }

        var csv = tmp.Combine("labels.csv");
        File.WriteAllText(csv, "fname,labels,split\nimg0.png,cat,train\nimg1.png,,train\nimg2.png,cat dog,test\n" + (extraRow ?? ""));
        return (tmp, csv);
    }

    [Fact]
    public void A_folder_and_a_label_file_are_a_dataset()
    {
        var (tmp, csv) = Folder();
        using var _ = tmp;
        foreach (bool preload in new[] { false, true })
        {
            var train = ImageFolderDataset.Open(tmp.Path, csv, Split.Train, options: new ImageFolderOptions(Preload: preload));
            Assert.Equal(2, train.Count);
            Assert.Equal(preload, train.IsPreloaded);
            Assert.Equal(new[] { "cat", "dog" }, train.Labels.Names);
            Assert.Equal("img1.png", train.GetName(1));
            Assert.Equal(new float[] { 0, 0 }, train.GetTarget(1).ToArray());
            using var image = train.GetImage(1);
            Assert.Equal(new long[] { 3, 4, 4 }, image.shape);
            Assert.Equal(100 / 255f, image[2, 3, 3].item<float>());
        }
    }

    [Fact]
    public void A_missing_image_fails_naming_the_label_file_line_or_is_skipped_and_reported()
    {
        var (tmp, csv) = Folder("gone.png,dog,train\n");
        using var _ = tmp;
        var ex = Assert.Throws<DataFormatException>(() => ImageFolderDataset.Open(tmp.Path, csv, Split.Train));
        Assert.StartsWith($"{csv}:5: image 'gone.png' not found in {tmp.Path}", ex.Message, StringComparison.Ordinal);

        var skipping = ImageFolderDataset.Open(tmp.Path, csv, Split.Train, options: new ImageFolderOptions(OnBadImage: BadImagePolicy.Skip));
        Assert.Equal(2, skipping.Count);
        Assert.Equal(new[] { new SkippedImage("gone.png", "file not found") }, skipping.Skipped);
    }

    [Fact]
    public void A_corrupt_image_fails_naming_the_file_or_is_skipped_and_reported()
    {
        var (tmp, csv) = Folder("bad.png,dog,train\n");
        using var _ = tmp;
        var good = File.ReadAllBytes(tmp.Combine("img0.png"));
        File.WriteAllBytes(tmp.Combine("bad.png"), good[..(good.Length - 20)]);

        // Without preloading every file is still checked when the dataset opens (before any training), and so with it.
        var lazy = Assert.Throws<ImageDecodeException>(() => ImageFolderDataset.Open(tmp.Path, csv, Split.Train));
        Assert.Contains(tmp.Combine("bad.png"), lazy.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", lazy.Message, StringComparison.Ordinal);
        var early = Assert.Throws<ImageDecodeException>(() => ImageFolderDataset.Open(tmp.Path, csv, Split.Train, options: new ImageFolderOptions(Preload: true)));
        Assert.Contains(tmp.Combine("bad.png"), early.Message, StringComparison.Ordinal);
        Assert.Contains("--on-bad-image skip", early.Message, StringComparison.Ordinal);

        var skipping = ImageFolderDataset.Open(tmp.Path, csv, Split.Train, options: new ImageFolderOptions(OnBadImage: BadImagePolicy.Skip));
        Assert.Equal(2, skipping.Count);
        var skipped = Assert.Single(skipping.Skipped);
        Assert.Equal("bad.png", skipped.FileName);
        Assert.Contains("truncated", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_that_leaves_the_folder_is_rejected()
    {
        var (tmp, csv) = Folder("../outside.png,dog,train\n");
        using var _ = tmp;
        var ex = Assert.Throws<DataFormatException>(() => ImageFolderDataset.Open(tmp.Path, csv));
        Assert.Contains("points outside the image folder", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Line);
    }

    [Fact]
    public void Every_bad_image_is_named_at_once_before_training_starts()
    {
        var (tmp, csv) = Folder("cut.png,dog,train\nempty.png,cat,train\ntext.png,cat,train\n");
        using var _ = tmp;
        var good = File.ReadAllBytes(tmp.Combine("img0.png"));
        File.WriteAllBytes(tmp.Combine("cut.png"), good[..(good.Length / 2)]);
        File.WriteAllBytes(tmp.Combine("empty.png"), []);
        File.WriteAllText(tmp.Combine("text.png"), "not an image");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ImageDecodeException>(() => ImageFolderDataset.Open(tmp.Path, csv, Split.Train));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(tmp.Combine("cut.png"), ex.FileName);
        Assert.Contains("3 bad images in all, checked before training", ex.Message, StringComparison.Ordinal);
        Assert.Contains(tmp.Combine("empty.png") + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains(tmp.Combine("text.png") + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--on-bad-image skip", ex.Message, StringComparison.Ordinal);
    }
}
