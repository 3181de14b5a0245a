using MultiLabel.Data;
using MultiLabel.Data.Downloads;
using MultiLabel.Data.Mnist;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

/// <summary>The MNIST subset in data/mnist: its files, its content and how the library finds it or the full set.</summary>
public sealed class MnistShippedTests
{
    [Theory]
    [InlineData("train-images-idx3-ubyte.gz", "37ec8cb43e2ed1208c2a5385eef9daab0bc71b485237f4026a56f685dfddb17e")]
    [InlineData("train-labels-idx1-ubyte.gz", "dbc4cb4cb6b26ac90cda5ed76f82a500131f85a905d1d024628212cb0b9d1961")]
    [InlineData("t10k-images-idx3-ubyte.gz", "bf5507ebf3fadff60d84df8efcb638e6125abff6f42868b5f21cfe9f6ab0cd3c")]
    [InlineData("t10k-labels-idx1-ubyte.gz", "9f17a174e2386938f877614366b376c8ce54a6308e78ae1bb8410b01700a4c74")]
    public void Shipped_files_have_the_sha256_their_datasheet_states(string file, string sha256)
    {
        var path = RepoPaths.Combine("data", "mnist", file);
        Assert.Equal(sha256, Downloader.Sha256(path));
        Assert.Contains(sha256, File.ReadAllText(RepoPaths.Combine("data", "mnist", "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_subset_holds_600_training_and_100_test_digits_of_each_class()
    {
        var digits = MnistDigits.Load(RepoPaths.Combine("data", "mnist"));
        Assert.Equal((MnistLocator.ShippedTrainCount, MnistLocator.ShippedTestCount), (digits.TrainImages.Count, digits.TestImages.Count));
        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal(600, digits.TrainLabels.Data.Count(b => b == d)));
        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal(100, digits.TestLabels.Data.Count(b => b == d)));
        Assert.All(Enumerable.Range(0, 20), i => Assert.True(digits.TrainImages.Item(i).ToArray().Max() > 100, "a real digit has ink"));
    }

    [Fact]
    public void The_locator_prefers_the_full_set_in_the_cache_and_otherwise_finds_the_shipped_subset()
    {
        using var cache = new TempDir();
        var shipped = MnistLocator.Locate(cache.Path);
        Assert.False(shipped.IsFull);
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("data", "mnist")), Path.GetFullPath(shipped.Folder));
        Assert.Contains("subset", shipped.Description, StringComparison.Ordinal);

        var folder = Path.Combine(cache.Path, "mnist");
        Directory.CreateDirectory(folder);
        foreach (var name in MnistDigits.FileNames.Take(3))
        {
            File.Copy(MnistDigits.Find(shipped.Folder, name), Path.Combine(folder, name + ".gz"));
        }

        Assert.False(MnistLocator.Locate(cache.Path).IsFull); // three of four files are not a set
        File.Copy(MnistDigits.Find(shipped.Folder, MnistDigits.FileNames[3]), Path.Combine(folder, MnistDigits.FileNames[3] + ".gz"));
        var full = MnistLocator.Locate(cache.Path);
        Assert.True(full.IsFull);
        Assert.Equal(folder, full.Folder);
    }

    [Fact]
    public void The_catalog_composes_disjoint_splits_from_the_shipped_subset_and_says_so()
    {
        using var cache = new TempDir();
        var data = DatasetCatalog.Load(new DataSourceOptions("mnist-multi", Count: 200, CacheDirectory: cache.Path));
        Assert.Contains("subset shipped in data/mnist", data.Description, StringComparison.Ordinal);
        var train = (MultiMnistDataset)data.Train;
        var val = (MultiMnistDataset)data.Val;
        var trainSources = Enumerable.Range(0, train.Count).SelectMany(i => train.Digits(i).Select(d => d.Source)).ToHashSet();
        var valSources = Enumerable.Range(0, val.Count).SelectMany(i => val.Digits(i).Select(d => d.Source)).ToHashSet();
        Assert.Empty(trainSources.Intersect(valSources));
        Assert.All(trainSources, s => Assert.True(s < 5000));
        Assert.All(valSources, s => Assert.True(s >= 5000));
    }
}
