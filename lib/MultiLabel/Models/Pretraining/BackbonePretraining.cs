using System.Diagnostics;
using System.Security.Cryptography;
using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Training;
using static TorchSharp.torch;
using DataLoader = MultiLabel.Data.DataLoader;

namespace MultiLabel.Models.Pretraining;

/// <summary>How <see cref="BackbonePretraining"/> makes a backbone; the defaults made the shipped file.</summary>
/// <param name="Images">Source images to train on, generated in memory (<see cref="SingleShapeGenerator"/>).</param>
/// <param name="ValImages">Further source images whose accuracy is reported after every epoch (0: none).</param>
/// <param name="DataSeed">Seed of the source images (the shipped shapes data uses 2024 and other generator streams).</param>
/// <param name="Label">The source task: what each image's one class is.</param>
/// <param name="Width">The network's first-stage width (<see cref="MiniResNet"/>).</param>
/// <param name="Epochs">Passes over the source images.</param>
/// <param name="BatchSize">Images per batch (the last, smaller batch is dropped).</param>
/// <param name="LearningRate">Peak learning rate (one-cycle, AdamW).</param>
/// <param name="Seed">Seeds the initial weights, data order and augmentation.</param>
/// <param name="Augment">Train with the shapes augmentation (flips, quarter turns, colour jitter).</param>
public sealed record BackbonePretrainingOptions(
    int Images = 12_000,
    int ValImages = 1_000,
    long DataSeed = 606,
    SingleShapeLabel Label = SingleShapeLabel.Shape,
    int Width = 16,
    int Epochs = 5,
    int BatchSize = 64,
    double LearningRate = 3e-3,
    long Seed = 0,
    bool Augment = true)
{
    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Images);
        ArgumentOutOfRangeException.ThrowIfNegative(ValImages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, Images);
        new ClassifierTrainingOptions(Epochs, LearningRate).Validate();
    }
}

/// <summary>A pretrained network and how its training went.</summary>
/// <param name="Model">The trained network; its head <c>fc</c> has one logit per source class. The caller disposes it.</param>
/// <param name="Classes">The source classes, in the order of the head's outputs.</param>
/// <param name="History">One record per epoch.</param>
/// <param name="Seconds">Wall time: generating the images and training.</param>
public sealed record BackbonePretrainingResult(MiniResNet Model, LabelVocabulary Classes, IReadOnlyList<ClassifierEpoch> History, double Seconds);

/// <summary>
/// Makes the kit's own pretrained backbone: a <see cref="MiniResNet"/> trained with <see cref="ClassifierTraining"/> on
/// a single-label source task (<see cref="SingleShapeGenerator"/>: one shape per image, which kind), then written in
/// TorchSharp's format with its sha256. On the CPU the same options give a byte-identical file on the same machine
/// (same CPU and thread count). <c>mlc pretrain</c> runs it; the shipped result is
/// <see cref="PretrainedBackbones.MiniResNetShapes"/>.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class BackbonePretraining
{
    /// <summary>Generates the source images and trains the network on the CPU.</summary>
    /// <param name="options">What to generate and how to train.</param>
    /// <param name="epochCompleted">Called after every epoch.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static BackbonePretrainingResult Run(BackbonePretrainingOptions options, Action<ClassifierEpoch>? epochCompleted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var all = SingleShapeGenerator.Generate(new SingleShapeOptions(options.Images + options.ValImages, options.DataSeed, options.Label));
        var train = new SubsetDataset(all, Enumerable.Range(0, options.Images));
        var val = new SubsetDataset(all, Enumerable.Range(options.Images, options.ValImages));
        // One loader worker: batches come out the same as without, and each training step then runs in the loader's
        // no-GC region (see DataLoader), out of reach of a collection that could free a temporary Scalar mid-call.
        var trainLoader = new DataLoader(
            train, options.BatchSize, shuffle: true, seed: options.Seed, dropLast: true, transform: options.Augment ? Transforms.ShapesTraining : null, workers: 1);
        var valLoader = options.ValImages == 0 ? null : new DataLoader(val, 256, shuffle: false);

        Trainer.Seed(options.Seed);
        var model = new MiniResNet(all.Labels.Count, options.Width);
        try
        {
            var history = ClassifierTraining.Train(
                model, trainLoader, new ClassifierTrainingOptions(options.Epochs, options.LearningRate), valLoader, epochCompleted, cancellationToken);
            return new BackbonePretrainingResult(model, all.Labels, history, clock.Elapsed.TotalSeconds);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="model"/>'s weights to <paramref name="path"/> (TorchSharp's <c>module.save</c> format) and
    /// its sha256 to <c>path.sha256</c> (<c>sha256sum</c>'s format), each atomically.
    /// </summary>
    /// <returns>The file's sha256 as lower-case hex.</returns>
    public static string Write(nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, temp => model.save(temp));
        var hash = Sha256Of(path);
        AtomicFile.WriteAllText(path + ".sha256", $"{hash}  {Path.GetFileName(path)}\n");
        return hash;
    }

    /// <summary>The sha256 of a file as lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
