using MultiLabel.Cli.Commands;
using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Cli;

public sealed class TrainDataTests
{
    private static TrainConfig Config(bool augment) => new TrainSettings { NoAugment = !augment }.ToConfig();

    [Fact]
    public void The_training_transform_is_a_seeded_quarter_turn_and_flip()
    {
        var transform = TrainData.TrainTransform(Config(augment: true))!;
        using var scope = NewDisposeScope();
        var image = arange(3 * 4 * 4, ScalarType.Float32).reshape(3, 4, 4);
        var dihedral = new List<Tensor>();
        for (int k = 0; k < 4; k++)
        {
            var turned = image.rot90(k, (1, 2));
            dihedral.Add(turned);
            dihedral.Add(turned.flip(2));
        }

        var seen = new HashSet<int>();
        for (int index = 0; index < 64; index++)
        {
            var a = transform(image, Pcg32.Derive(1, 2, index));
            var b = transform(image, Pcg32.Derive(1, 2, index));
            Assert.True(a.equal(b).all().item<bool>(), "same generator, different result");
            int which = dihedral.FindIndex(d => d.equal(a).all().item<bool>());
            Assert.True(which >= 0, "not a quarter turn or flip of the input");
            seen.Add(which);
        }

        Assert.Equal(8, seen.Count);
    }

    [Fact]
    public void No_augment_means_no_transform()
    {
        Assert.Null(TrainData.TrainTransform(Config(augment: false)));
    }
}
