using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Models;

[Collection(TorchGlobalState.Name)]
public sealed class MiniResNetTests
{
    [Fact]
    public void Keys_read_like_torchvision_and_the_head_is_fc()
    {
        using var model = new MiniResNet(6);
        var keys = model.state_dict().Keys.ToList();
        Assert.Contains("conv1.weight", keys);
        Assert.Contains("bn1.running_var", keys);
        Assert.Contains("layer1.0.conv2.weight", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer3.0.downsample.1.running_mean", keys);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys); // same width, same resolution: identity shortcut
        Assert.Equal("fc", model.HeadName);
        Assert.Equal([6L, 64L], model.state_dict()["fc.weight"].shape);
        Assert.Equal(["fc.weight", "fc.bias"], keys.Where(k => FineTuning.IsHeadKey(model, k)));
    }

    [Fact]
    public void The_default_network_has_77_thousand_parameters_and_sees_49_pixels()
    {
        using var model = new MiniResNet(6);
        Assert.Equal(77_782L, model.parameters().Sum(p => p.numel()));
        Assert.Equal(49, model.ReceptiveField);
        using var deeper = new MiniResNet(6, blocks: [2, 2, 2]);
        Assert.Equal(105, deeper.ReceptiveField);
        Assert.Equal(["layer1.1.conv1.weight"], deeper.state_dict().Keys.Where(k => k == "layer1.1.conv1.weight"));
    }

    [Fact]
    public void Forward_gives_one_logit_per_label_for_any_image_size()
    {
        using var model = new MiniResNet(5);
        model.eval();
        using var scope = NewDisposeScope();
        Assert.Equal([2L, 5L], model.call(rand(2, 3, 64, 64)).shape);
        Assert.Equal([1L, 5L], model.call(rand(1, 3, 24, 24)).shape);
    }

    [Fact]
    public void The_default_widths_keep_onednn_on_and_the_catalog_builds_it()
    {
        using var model = ModelCatalog.Create(new ModelOptions("mini-resnet"), 3);
        Assert.IsType<MiniResNet>(model);
        Assert.False(ConvolutionCheck.HasUnsafeConvolution(model));
        Assert.Contains("mini-resnet", ModelCatalog.Names);
    }

    [Fact]
    public void Bad_shapes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MiniResNet(3, blocks: [1, 1]));
        Assert.Throws<ArgumentException>(() => new MiniResNet(3, blocks: [1, 0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniResNet(0));
    }
}
