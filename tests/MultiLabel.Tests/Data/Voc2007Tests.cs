using MultiLabel.Data;
using MultiLabel.Data.Voc;
using MultiLabel.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MultiLabel.Tests.Data;

public sealed class Voc2007Tests
{
    private static string Annotation(string file, params (string Name, bool Difficult)[] objects) =>
        "<annotation>\n  <folder>VOC2007</folder>\n  <filename>" + file + "</filename>\n" +
        string.Concat(objects.Select(o => $"  <object>\n    <name>{o.Name}</name>\n    <difficult>{(o.Difficult ? 1 : 0)}</difficult>\n  </object>\n")) +
        "</annotation>\n";

    /// <summary>VOCdevkit/VOC2007 with four images: 000001 dog+person, 000002 difficult cat + car, 000003 nothing, 000004 (test) chair.</summary>
    internal static string WriteTinyVoc(string root)
    {
        var voc = Path.Combine(root, "VOCdevkit", "VOC2007");
        foreach (var dir in new[] { "Annotations", "JPEGImages", Path.Combine("ImageSets", "Main") })
        {
            Directory.CreateDirectory(Path.Combine(voc, dir));
        }

        var annotations = new Dictionary<string, string>
        {
            ["000001"] = Annotation("000001.jpg", ("dog", false), ("person", false), ("dog", false)),
            ["000002"] = Annotation("000002.jpg", ("cat", true), ("car", false)),
            ["000003"] = Annotation("000003.jpg"),
            ["000004"] = Annotation("000004.jpg", ("chair", false)),
        };
        int shade = 0;
        foreach (var (id, xml) in annotations)
        {
            File.WriteAllText(Path.Combine(voc, "Annotations", id + ".xml"), xml);
            using var image = new Image<Rgb24>(30 + (10 * shade), 20, new Rgb24((byte)(60 * shade), 90, 120));
            image.SaveAsJpeg(Path.Combine(voc, "JPEGImages", id + ".jpg"));
            shade++;
        }

        File.WriteAllText(Path.Combine(voc, "ImageSets", "Main", "train.txt"), "000001\n000002\n");
        File.WriteAllText(Path.Combine(voc, "ImageSets", "Main", "val.txt"), "000003\n");
        File.WriteAllText(Path.Combine(voc, "ImageSets", "Main", "test.txt"), "000004\n");
        return voc;
    }

    [Fact]
    public void Image_sets_and_annotations_become_labelled_rows_with_or_without_difficult_objects()
    {
        using var tmp = new TempDir();
        var voc = WriteTinyVoc(tmp.Path);
        Assert.Equal(voc, Voc2007.FindRoot(tmp.Path));
        Assert.Equal(voc, Voc2007.FindRoot(Path.Combine(tmp.Path, "VOCdevkit")));

        var train = Voc2007.ReadLabels(voc, "train");
        Assert.Equal(20, train.Labels.Count);
        Assert.Equal("JPEGImages/000001.jpg", train.Rows[0].FileName);
        Assert.Equal(new[] { "dog", "person" }, train.Rows[0].Labels);
        Assert.Equal(new[] { "car", "cat" }, train.Rows[1].Labels);
        Assert.Equal(new[] { "car" }, Voc2007.ReadLabels(voc, "train", dropDifficult: true).Rows[1].Labels);
        Assert.Empty(Voc2007.ReadLabels(voc, "val").Rows[0].Labels);

        var dataset = Voc2007.Open(tmp.Path, "train");
        Assert.Equal(2, dataset.Count);
        using var image = dataset.GetImage(1);
        Assert.Equal(new long[] { 3, 20, 40 }, image.shape);
    }

    [Fact]
    public void The_catalog_resizes_photos_of_mixed_sizes_for_batches()
    {
        using var tmp = new TempDir();
        WriteTinyVoc(tmp.Path);
        var data = DatasetCatalog.Load(new DataSourceOptions("voc2007", tmp.Path, ImageSize: 32));
        Assert.Equal((2, 1, 1), (data.Train.Count, data.Val.Count, data.Test.Count));
        var loader = new DataLoader(data.Train, 2, shuffle: true, seed: 1, transform: data.TrainTransform, workers: 1);
        using var batch = loader.Epoch(1).First();
        Assert.Equal(new long[] { 2, 3, 32, 32 }, batch.Images.shape);
        var eval = new DataLoader(data.Test, 1, shuffle: false, transform: data.EvalTransform);
        using var evalBatch = eval.Epoch(0).First();
        Assert.Equal(new long[] { 1, 3, 32, 32 }, evalBatch.Images.shape);
    }

    [Fact]
    public void Bad_annotations_name_the_file_and_line()
    {
        using var tmp = new TempDir();
        var voc = WriteTinyVoc(tmp.Path);
        var bad = Path.Combine(voc, "Annotations", "000002.xml");
        File.WriteAllText(bad, Annotation("000002.jpg", ("car", false), ("unicorn", false)));
        var unknown = Assert.Throws<DataFormatException>(() => Voc2007.ReadLabels(voc, "train"));
        Assert.StartsWith($"{bad}:9: unknown class 'unicorn'", unknown.Message, StringComparison.Ordinal);

        File.WriteAllText(bad, "<annotation>\n<filename>000002.jpg</filename>\n<object>\n</annotation>");
        var malformed = Assert.Throws<DataFormatException>(() => Voc2007.ReadLabels(voc, "train"));
        Assert.StartsWith($"{bad}:4: malformed XML", malformed.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(voc, "ImageSets", "Main", "train.txt"), "000001\n000001\n");
        var duplicate = Assert.Throws<DataFormatException>(() => Voc2007.ReadLabels(voc, "train"));
        Assert.Contains("train.txt:2: duplicate image id '000001' (first on line 1)", duplicate.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => Voc2007.FindRoot(tmp.Combine("nowhere")));
    }
}
