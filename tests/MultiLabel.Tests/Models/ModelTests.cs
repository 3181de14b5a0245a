using MultiLabel.Models;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Models;

[Collection(TorchGlobalState.Name)]
public sealed class ModelTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SmallCnn_options_shape_the_network(bool batchNorm)
    {
        using var model = new SmallCnn(5, width: 4, depth: 3, dropoutRate: 0.3, batchNorm: batchNorm);
        var keys = model.state_dict().Keys.ToList();
        Assert.Equal(batchNorm, keys.Any(k => k.Contains(".bn0a.", StringComparison.Ordinal)));
        Assert.Equal(!batchNorm, keys.Contains("features.conv0a.bias"));
        Assert.Contains("features.conv2b.weight", keys);
        Assert.DoesNotContain("features.conv3a.weight", keys);

        // The full-resolution first block has one convolution (a second one there cost a third of the training time).
        Assert.DoesNotContain("features.conv0b.weight", keys);
        Assert.Equal(5, keys.Count(k => k.StartsWith("features.conv", StringComparison.Ordinal) && k.EndsWith(".weight", StringComparison.Ordinal)));
        Assert.Equal([5L, 16L], model.state_dict()["head.weight"].shape);
        using var scope = NewDisposeScope();
        model.eval();
        Assert.Equal([2L, 5L], model.call(rand(2, 3, 32, 32)).shape);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void SmallCnn_rejects_a_bad_dropout_rate(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCnn(2, dropoutRate: rate));
    }

    [Fact]
    public void ResNet18_has_pytorch_keys_and_a_head_of_num_labels()
    {
        using var model = (ResNetClassifier)ModelCatalog.Create(new ModelOptions("resnet18"), 7);
        var sd = model.state_dict();
        Assert.Contains("conv1.weight", sd.Keys);
        Assert.Contains("layer4.1.bn2.running_var", sd.Keys);
        Assert.Equal([7L, 512L], sd["fc.weight"].shape);
        Assert.Equal("fc", model.HeadName);
        using var scope = NewDisposeScope();
        model.eval();
        Assert.Equal([2L, 7L], model.call(rand(2, 3, 32, 32)).shape);
    }

    [Theory]
    [InlineData("resnet34", 512L)]
    [InlineData("resnet50", 2048L)]
    public void Deeper_resnets_have_a_head_of_num_labels(string name, long features)
    {
        using var model = ModelCatalog.Create(new ModelOptions(name), 3);
        Assert.Equal([3L, features], model.state_dict()["fc.weight"].shape);
    }

    [Fact]
    public void An_unknown_model_name_lists_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(new ModelOptions("vgg"), 3));
        Assert.Contains("resnet50", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Freezing_the_backbone_leaves_only_the_head_trainable()
    {
        using var model = new SmallCnn(3, width: 4, depth: 2);
        FineTuning.FreezeBackbone(model);
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        Assert.Equal(["head.weight", "head.bias"], trainable);
        var groups = FineTuning.ParameterGroups(model, 1e-3, backboneFactor: 0.1);
        Assert.Equal("head", Assert.Single(groups).Name);

        FineTuning.Unfreeze(model);
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Parameter_groups_split_head_and_backbone_with_their_own_learning_rates()
    {
        using var model = new SmallCnn(3, width: 4, depth: 2);
        var groups = FineTuning.ParameterGroups(model, 1e-3, backboneFactor: 0.1);
        Assert.Equal(["head", "backbone"], groups.Select(g => g.Name));
        Assert.Equal(1e-3, groups[0].LearningRate);
        Assert.Equal(1e-4, groups[1].LearningRate, 12);
        Assert.Equal(2, groups[0].Parameters.Count);
        Assert.Equal(model.parameters().Count(), groups.Sum(g => g.Parameters.Count));
    }
}
