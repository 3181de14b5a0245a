using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void Shapes_by_default_are_the_shipped_files_with_the_shapes_augmentation()
    {
        var data = DatasetCatalog.Load(new DataSourceOptions());
        Assert.Equal("shapes", data.Name);
        Assert.Equal(ShapesOptions.ShippedCount, data.Train.Count + data.Val.Count + data.Test.Count);
        Assert.Same(Transforms.ShapesTraining, data.TrainTransform);
        Assert.Null(data.EvalTransform);
        Assert.True(((ImageFolderDataset)data.Train).IsPreloaded);
        Assert.Contains(RepoPaths.Combine("data", "shapes"), data.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_or_size_generates_in_memory_with_the_shipped_seed()
    {
        var data = DatasetCatalog.Load(new DataSourceOptions(Count: 40, ImageSize: 32));
        Assert.Equal(40, data.Train.Count + data.Val.Count + data.Test.Count);
        var first = ShapesGenerator.GenerateOne(new ShapesOptions(Count: 40, ImageSize: 32), 0);
        var split = first.Split switch { Split.Train => data.Train, Split.Val => data.Val, _ => data.Test };
        Assert.Equal(first.Name, split.GetName(0));
    }

    [Fact]
    public void Misuse_is_explained()
    {
        Assert.Contains("known: shapes, mnist-multi, voc2007, folder", Assert.Throws<ArgumentException>(() => DatasetCatalog.Load(new DataSourceOptions("cifar"))).Message, StringComparison.Ordinal);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => DatasetCatalog.Load(new DataSourceOptions(Directory: ".", Count: 30))).Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", Assert.Throws<ArgumentException>(() => DatasetCatalog.Load(new DataSourceOptions("folder"))).Message, StringComparison.Ordinal);

        using var tmp = new TempDir();
        File.WriteAllText(tmp.Combine("labels.csv"), "fname,labels\na.png,cat\n");
        var ex = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(new DataSourceOptions("folder", tmp.Path)));
        Assert.Contains("needs a split column", ex.Message, StringComparison.Ordinal);
    }
}
