using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands;

/// <summary>The three splits a training run uses.</summary>
internal sealed record DataSplits(string Name, IImageDataset Train, IImageDataset Val, IImageDataset Test);

/// <summary>
/// The one place where <c>--data</c> becomes datasets and the training transform (a seam: the data sources and the
/// augmentation pipeline of the data work plug in here).
/// </summary>
internal static class TrainData
{
    /// <summary>
    /// The training transform: a random quarter turn and a random horizontal flip, each image its own draw from
    /// (seed, epoch, index). Every label of the shapes data is invariant under both.
    /// </summary>
    public static Func<Tensor, Pcg32, Tensor>? TrainTransform(TrainConfig config) => config.Augment ? FlipsAndQuarterTurns : null;

    private static Tensor FlipsAndQuarterTurns(Tensor image, Pcg32 rng)
    {
        int quarterTurns = rng.NextInt(4);
        bool flip = rng.Bernoulli(0.5);
        var turned = quarterTurns == 0 ? image : image.rot90(quarterTurns, (1, 2));
        return flip ? turned.flip(2) : turned;
    }

    public static DataSplits Open(TrainConfig config)
    {
        switch (config.Data.Trim().ToLowerInvariant())
        {
            case "shapes":
                var shapes = ShapesGenerator.Generate(new ShapesOptions(Count: config.Count, ImageSize: config.ImageSize, Seed: 2024));
                return new DataSplits(
                    "shapes",
                    ShapesGenerator.ToDataset(shapes, Split.Train),
                    ShapesGenerator.ToDataset(shapes, Split.Val),
                    ShapesGenerator.ToDataset(shapes, Split.Test));
            case "mnist-multi" or "voc2007":
                throw new UsageException($"--data {config.Data}: this source is not part of this build yet; use --data shapes.");
            default:
                throw new UsageException(
                    Directory.Exists(config.Data)
                        ? $"--data '{config.Data}': reading a folder with a label CSV is not part of this build yet; use --data shapes."
                        : $"--data must be shapes, mnist-multi, voc2007 or an existing folder (got '{config.Data}').");
        }
    }
}
