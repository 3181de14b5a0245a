using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Models;
using MultiLabel.Models.Pretraining;
using MultiLabel.Tests.Support;
using MultiLabel.Tests.Training;
using MultiLabel.Training;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Models;

[Collection(TorchGlobalState.Name)]
public sealed class PretrainingTests
{
    private static long LiveTensors => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    /// <summary>A configuration that trains in about a second.</summary>
    private static readonly BackbonePretrainingOptions Tiny = new(Images: 96, ValImages: 32, Epochs: 2, BatchSize: 32);

    [Fact]
    public void Classifier_training_lowers_the_cross_entropy_and_reports_every_epoch()
    {
        var data = SingleShapeGenerator.Generate(new SingleShapeOptions(Count: 128, Seed: 1, Label: SingleShapeLabel.Texture, ImageSize: 32));
        var loader = new DataLoader(data, 32, shuffle: true, seed: 2, dropLast: true);
        Trainer.Seed(0);
        using var model = new MiniResNet(data.Labels.Count);
        var seen = new List<ClassifierEpoch>();
        ClassifierTraining.Train(model, loader, new ClassifierTrainingOptions(Epochs: 1)); // creates the gradients
        long before = LiveTensors;

        var history = ClassifierTraining.Train(model, loader, new ClassifierTrainingOptions(Epochs: 6, LearningRate: 1e-2), loader, seen.Add);

        Assert.Equal(6, history.Count);
        Assert.Equal(history, seen);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        Assert.All(history, e => Assert.InRange(e.ValAccuracy!.Value, 0, 1));
        Assert.Equal(before, LiveTensors);
    }

    [Fact]
    public void Pretraining_twice_writes_byte_identical_files_and_their_sha256()
    {
        using var tmp = new TempDir();
        string[] hashes = new string[2];
        for (int run = 0; run < 2; run++)
        {
            var result = BackbonePretraining.Run(Tiny);
            using var model = result.Model;
            Assert.Equal(6, result.Classes.Count);
            Assert.Equal(2, result.History.Count);
            hashes[run] = BackbonePretraining.Write(model, tmp.Combine($"run{run}", "w.bin"));
        }

        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(File.ReadAllBytes(tmp.Combine("run0", "w.bin")), File.ReadAllBytes(tmp.Combine("run1", "w.bin")));
        Assert.Equal($"{hashes[0]}  w.bin\n", File.ReadAllText(tmp.Combine("run0", "w.bin.sha256")));
        Assert.Empty(Directory.GetFiles(tmp.Combine("run0"), "*.tmp"));
        Assert.Equal(tmp.Combine("run0", "w.bin"), PretrainedBackbones.Verified(tmp.Combine("run0", "w.bin"), hashes[0]));
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        using var tmp = new TempDir();
        using var a = BackbonePretraining.Run(Tiny with { Epochs = 1 }).Model;
        using var b = BackbonePretraining.Run(Tiny with { Epochs = 1, Seed = 1 }).Model;
        Assert.NotEqual(BackbonePretraining.Write(a, tmp.Combine("a.bin")), BackbonePretraining.Write(b, tmp.Combine("b.bin")));
    }

    [Fact]
    public void Transfer_comparison_runs_both_sides_on_the_same_budget_and_repeats_exactly()
    {
        using var tmp = new TempDir();
        var weights = tmp.Combine("backbone.bin");
        using (var backbone = BackbonePretraining.Run(Tiny with { Epochs = 1 }).Model)
        {
            BackbonePretraining.Write(backbone, weights);
        }

        var data = new DataSplits("tiny", "tiny shapes", TinyData.Train, TinyData.Val, TinyData.Val, null, null, []);
        var options = new TransferComparisonOptions(TrainImages: 48, HeadEpochs: 1, FineTuneEpochs: 2, BatchSize: 16, Seed: 3, Device: "cpu");
        var epochs = new List<(string, int)>();

        var first = TransferComparison.Run(data, n => new MiniResNet(n), weights, options, (name, e) => epochs.Add((name, e.Epoch)));
        var second = TransferComparison.Run(data, n => new MiniResNet(n), weights, options);

        Assert.Equal([("scratch", 1), ("scratch", 2), ("scratch", 3), ("pretrained", 1), ("pretrained", 2), ("pretrained", 3)], epochs);
        Assert.Equal([1, 2, 3], first.Pretrained.History.Select(e => e.Epoch));
        Assert.Equal(["fc.bias", "fc.weight"], first.Weights.Skipped);
        Assert.Equal(first.Scratch.Test.F1Micro, second.Scratch.Test.F1Micro);
        Assert.Equal(first.Pretrained.Test.F1Macro, second.Pretrained.Test.F1Macro);
        Assert.Equal(first.Pretrained.History.Select(e => e.TrainLoss), second.Pretrained.History.Select(e => e.TrainLoss));
        Assert.NotEqual(first.Scratch.History.Select(e => e.TrainLoss), first.Pretrained.History.Select(e => e.TrainLoss));
        Assert.Equal(TinyData.Val.Count, first.Scratch.Val.SampleCount);
        Assert.Contains("pretrained, macro-F1", TransferComparison.Chart(first).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_comparison_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferComparisonOptions(TrainImages: 10, BatchSize: 32).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferComparisonOptions(FineTuneEpochs: 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackbonePretrainingOptions(Images: 0).Validate());
    }
}
