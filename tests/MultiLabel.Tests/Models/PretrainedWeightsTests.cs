using System.Text;
using System.Text.Json;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Models;

[Collection(TorchGlobalState.Name)]
public sealed class PretrainedWeightsTests
{
    private static SmallCnn Tiny(int labels) => new(labels, width: 2, depth: 1);

    /// <summary>Fills every float tensor of the model with a pattern that differs per key and element.</summary>
    private static void Scramble(nn.Module model, float offset)
    {
        using var noGrad = no_grad();
        int k = 0;
        foreach (var (_, t) in model.state_dict())
        {
            if (t.is_floating_point())
            {
                t.copy_(arange(t.numel(), ScalarType.Float32).reshape(t.shape) * 0.01f + offset + k);
            }

            k++;
        }
    }

    private static void AssertEqual(Tensor expected, Tensor actual, string key) =>
        Assert.True(expected.to(actual.dtype).equal(actual).all().item<bool>(), $"'{key}' differs");

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    [InlineData(".bin")]
    public void Weights_saved_by_another_model_load_except_the_head(string extension)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("weights" + extension);
        using (var source = Tiny(labels: 10))
        {
            Scramble(source, 1f);
            switch (extension)
            {
                case ".pth": source.save_py(path); break;
                case ".safetensors": source.save_safetensors(path); break;
                default: source.save(path); break;
            }
        }

        using var expected = Tiny(labels: 10);
        Scramble(expected, 1f);
        using var model = Tiny(labels: 3);
        var headBefore = model.state_dict()["head.weight"].clone();

        var report = PretrainedWeights.Load(model, path);

        Assert.Equal(["head.bias", "head.weight"], report.Skipped);
        Assert.DoesNotContain("head.weight", report.Loaded);
        foreach (var key in report.Loaded)
        {
            AssertEqual(expected.state_dict()[key], model.state_dict()[key], key);
        }

        AssertEqual(headBefore, model.state_dict()["head.weight"], "head.weight");
    }

    [Fact]
    public void A_safetensors_file_written_by_hand_loads_the_written_values()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("hand.safetensors");
        using var model = Tiny(labels: 4);
        var expected = new Dictionary<string, float[]>();
        var header = new Dictionary<string, object>();
        using var data = new MemoryStream();
        foreach (var (key, t) in model.state_dict())
        {
            long n = t.numel();
            var shape = t.shape;
            if (t.dtype == ScalarType.Int64)
            {
                header[key] = new { dtype = "I64", shape, data_offsets = new[] { data.Length, data.Length + (8 * n) } };
                for (long i = 0; i < n; i++)
                {
                    data.Write(BitConverter.GetBytes(7L + i));
                }

                continue;
            }

            var values = Enumerable.Range(0, (int)n).Select(i => (float)((key.Length * 0.5) + (i * 0.25))).ToArray();
            expected[key] = values;
            header[key] = new { dtype = "F32", shape, data_offsets = new[] { data.Length, data.Length + (4 * n) } };
            foreach (var v in values)
            {
                data.Write(BitConverter.GetBytes(v));
            }
        }

        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        using (var file = File.Create(path))
        {
            file.Write(BitConverter.GetBytes((ulong)json.Length));
            file.Write(json);
            data.Position = 0;
            data.CopyTo(file);
        }

        PretrainedWeights.Load(model, path, skipHead: false);

        foreach (var (key, values) in expected)
        {
            Assert.Equal(values, model.state_dict()[key].data<float>().ToArray());
        }
    }

    [Fact]
    public void A_resnet18_state_dict_with_another_head_loads_into_a_multi_label_resnet18()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("resnet18.pth");
        using (var imagenetLike = torchvision.models.resnet18(num_classes: 10))
        {
            imagenetLike.save_py(path);
        }

        using var reference = torchvision.models.resnet18(num_classes: 10);
        reference.load_py(path);
        using var model = new ResNetClassifier(18, 6);
        var report = PretrainedWeights.Load(model, path);

        Assert.Equal(["fc.bias", "fc.weight"], report.Skipped);
        var refSd = reference.state_dict();
        AssertEqual(refSd["layer3.1.conv2.weight"], model.state_dict()["layer3.1.conv2.weight"], "layer3.1.conv2.weight");
        AssertEqual(refSd["bn1.running_mean"], model.state_dict()["bn1.running_mean"], "bn1.running_mean");
    }

    [Fact]
    public void A_shape_mismatch_names_the_key_and_both_shapes()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("wide.safetensors");
        using (var wider = new SmallCnn(4, width: 3, depth: 1))
        {
            wider.save_safetensors(path);
        }

        using var model = Tiny(labels: 4);
        var ex = Assert.Throws<InvalidDataException>(() => PretrainedWeights.Load(model, path));
        Assert.Contains("'features.conv0a.weight' has shape [3,3,3,3] but the model expects [2,3,3,3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("wide.safetensors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_unexpected_key_is_named()
    {
        using var tmp = new TempDir();
        var noBn = tmp.Combine("nobn.pth");
        using (var plain = new SmallCnn(4, width: 2, depth: 1, batchNorm: false))
        {
            plain.save_py(noBn);
        }

        using var withBn = Tiny(labels: 4);
        var missing = Assert.Throws<InvalidDataException>(() => PretrainedWeights.Load(withBn, noBn));
        Assert.Contains("has no 'features.bn0a.", missing.Message, StringComparison.Ordinal);

        var extraFile = tmp.Combine("extra.safetensors");
        using (var scope = NewDisposeScope())
        {
            var sd = withBn.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
            sd["extra.weight"] = zeros(2, 2);
            Safetensors.SaveStateDict(extraFile, sd);
        }

        var unexpected = Assert.Throws<InvalidDataException>(() => PretrainedWeights.Load(withBn, extraFile));
        Assert.Contains("1 key(s) the model does not have, first 'extra.weight' (shape [2,2])", unexpected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_head_is_checked_too_when_not_skipped()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("ten.bin");
        using (var ten = Tiny(labels: 10))
        {
            ten.save(path);
        }

        using var model = Tiny(labels: 3);
        var ex = Assert.Throws<InvalidDataException>(() => PretrainedWeights.Load(model, path, skipHead: false));
        Assert.Contains("'head.weight' has shape [10,2] but the model expects [3,2]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage.pth")]
    [InlineData("garbage.safetensors")]
    [InlineData("garbage.bin")]
    public void A_corrupt_file_is_reported_with_its_name(string name)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine(name);
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("this is not a weight file at all"));
        using var model = Tiny(labels: 3);
        var ex = Assert.Throws<InvalidDataException>(() => PretrainedWeights.Load(model, path));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        using var model = Tiny(labels: 3);
        Assert.Throws<FileNotFoundException>(() => PretrainedWeights.Load(model, "/nonexistent/weights.pth"));
    }
}
