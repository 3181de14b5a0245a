using MultiLabel.Models;
using MultiLabel.Models.Pretraining;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Models;

[Collection(TorchGlobalState.Name)]
public sealed class PretrainedBackbonesTests
{
    private static string Committed => RepoPaths.Combine("data", "pretrained", PretrainedBackbones.MiniResNetShapesFile);

    [Fact]
    public void The_committed_file_has_its_recorded_sha256_in_the_code_and_beside_it()
    {
        Assert.Equal(PretrainedBackbones.MiniResNetShapesSha256, BackbonePretraining.Sha256Of(Committed));
        Assert.Equal($"{PretrainedBackbones.MiniResNetShapesSha256}  {PretrainedBackbones.MiniResNetShapesFile}\n", File.ReadAllText(Committed + ".sha256"));
        Assert.Contains(PretrainedBackbones.MiniResNetShapesSha256, File.ReadAllText(RepoPaths.Combine("data", "pretrained", "README.md")), StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(Committed), Path.GetFullPath(PretrainedBackbones.MiniResNetShapes));
    }

    [Fact]
    public void The_committed_file_loads_into_a_new_mini_resnet_with_only_the_head_skipped()
    {
        using var model = new MiniResNet(6);
        var report = PretrainedWeights.Load(model, PretrainedBackbones.MiniResNetShapes);
        Assert.Equal(["fc.bias", "fc.weight"], report.Skipped);
        Assert.Equal(model.state_dict().Keys.Count(k => !k.StartsWith("fc.", StringComparison.Ordinal)), report.Loaded.Count);
        using var scope = NewDisposeScope();
        Assert.True(model.state_dict()["bn1.running_var"].sum().item<float>() > 0); // loaded, not BatchNorm's initial ones
        Assert.NotEqual(16f, model.state_dict()["bn1.running_var"].sum().item<float>());
    }

    [Fact]
    public void The_imagenet_resnet18_is_found_only_when_cached_with_its_recorded_size()
    {
        using var tmp = new TempDir();
        Assert.Null(PretrainedBackbones.CachedImageNetResNet18(tmp.Path));
        var entry = MultiLabel.Data.Downloads.DownloadManifest.Embedded.Get("resnet18");
        var path = Path.Combine(tmp.Path, entry.Folder, entry.Files[0].Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]); // a partial download
        Assert.Null(PretrainedBackbones.CachedImageNetResNet18(tmp.Path));
        using (var stream = File.OpenWrite(path))
        {
            stream.SetLength(entry.Files[0].Size!.Value); // sparse: the size is what is checked here, the sha256 at download
        }

        Assert.Equal(path, PretrainedBackbones.CachedImageNetResNet18(tmp.Path));
    }

    [Fact]
    public void An_altered_file_is_rejected_with_both_hashes()
    {
        using var tmp = new TempDir();
        var copy = tmp.Combine(PretrainedBackbones.MiniResNetShapesFile);
        var bytes = File.ReadAllBytes(Committed);
        bytes[^1] ^= 1;
        File.WriteAllBytes(copy, bytes);
        var ex = Assert.Throws<InvalidDataException>(() => PretrainedBackbones.Verified(copy, PretrainedBackbones.MiniResNetShapesSha256));
        Assert.Contains(PretrainedBackbones.MiniResNetShapesSha256, ex.Message, StringComparison.Ordinal);
        Assert.Contains(BackbonePretraining.Sha256Of(copy), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_where_it_was_looked_for()
    {
        using var tmp = new TempDir();
        var before = Environment.GetEnvironmentVariable(PretrainedBackbones.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PretrainedBackbones.EnvironmentVariable, tmp.Path);
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => PretrainedBackbones.MiniResNetShapes);
            Assert.Contains(tmp.Path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PretrainedBackbones.EnvironmentVariable, before);
        }
    }
}
