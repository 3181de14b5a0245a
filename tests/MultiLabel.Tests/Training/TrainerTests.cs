using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

[Collection(TorchGlobalState.Name)]
public sealed class TrainerTests
{
    private static SmallCnn TinyModel(long seed)
    {
        Trainer.Seed(seed);
        return new SmallCnn(6, width: 4, depth: 2);
    }

    private static TrainerOptions Options(int epochs, long seed = 1) => new(Epochs: epochs, Seed: seed, Device: "cpu");

    /// <summary>The parts of a history that must repeat exactly (times differ from run to run).</summary>
    private static IEnumerable<object> Comparable(IEnumerable<EpochRecord> history) => history.Select(r =>
        (object)(r.Epoch, r.TrainLoss, r.ValLoss, r.ValF1Micro, r.ValF1Macro, r.ValHammingLoss, r.ValSubsetAccuracy, r.LearningRate, r.IsBest));

    [Fact]
    public void Training_steps_on_a_fixed_batch_lower_the_loss()
    {
        Trainer.Seed(0);
        var ds = ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 40, ImageSize: 32, Seed: 3, ValFraction: 0, TestFraction: 0.01)), Split.Train);
        using var batch = new DataLoader(ds, 16, shuffle: false).Epoch(0).First();
        using var model = new SmallCnn(ds.Labels.Count, width: 8, depth: 2, dropoutRate: 0);
        using var lossFunction = new BceLoss();
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2);
        model.train();

        double Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = lossFunction.call(model.call(batch.Images), batch.Targets);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }

        double first = Step();
        double last = first;
        for (int i = 0; i < 15; i++)
        {
            last = Step();
        }

        Assert.True(last < 0.7 * first, $"loss went from {first:F4} to {last:F4}");
    }

    [Fact]
    public void Fit_records_history_and_raises_every_event()
    {
        using var model = TinyModel(1);
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        using var trainer = new Trainer(model, Options(2), run: run);
        var train = TinyData.TrainLoader();
        var started = new List<TrainingStarted>();
        var batches = new List<BatchProgress>();
        var epochs = new List<EpochRecord>();
        var saved = new List<CheckpointSaved>();
        trainer.Started += (_, e) => started.Add(e);
        trainer.BatchCompleted += (_, b) => batches.Add(b);
        trainer.EpochCompleted += (_, r) => epochs.Add(r);
        trainer.CheckpointSaved += (_, c) => saved.Add(c);

        var history = trainer.Fit(train, TinyData.ValLoader());

        Assert.Equal(new TrainingStarted(1, 2, train.BatchCount, "cpu", false), Assert.Single(started));
        Assert.Equal(2, history.Count);
        Assert.Equal(history, epochs);
        Assert.Equal(2 * train.BatchCount, batches.Count);
        Assert.Equal(Enumerable.Range(0, 2 * train.BatchCount).Select(i => (long)i), batches.Select(b => b.Step));
        Assert.All(history, r => Assert.True(double.IsFinite(r.TrainLoss) && r.ImagesPerSecond > 0 && r.Validation is not null));
        Assert.True(history[0].IsBest);
        Assert.Contains(saved, c => c.Kind == CheckpointKind.Last && c.Epoch == 2 && File.Exists(c.Path));
        Assert.Contains(saved, c => c.Kind == CheckpointKind.Best && c.Epoch == 1);
        Assert.Equal(3, File.ReadAllLines(run.FilePath(RunDirectory.HistoryCsvFile)).Length);
        Assert.Equal(2, Checkpoint.ReadState(run.FilePath(RunDirectory.CheckpointFile)).CompletedEpochs);
    }

    [Fact]
    public void Two_runs_with_the_same_seed_have_identical_histories()
    {
        IReadOnlyList<EpochRecord> Run()
        {
            using var model = TinyModel(3);
            using var trainer = new Trainer(model, Options(2, seed: 3));
            return trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader()).ToList();
        }

        Assert.Equal(Comparable(Run()), Comparable(Run()));
    }

    [Fact]
    public void A_resumed_run_ends_exactly_like_an_uninterrupted_one()
    {
        using var tmp = new TempDir();
        List<EpochRecord> uninterrupted;
        float[] finalWeights;
        using (var model = TinyModel(11))
        using (var trainer = new Trainer(model, Options(3, seed: 11) with { RestoreBest = false }))
        {
            uninterrupted = trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader()).ToList();
            finalWeights = model.state_dict()["head.weight"].data<float>().ToArray();
        }

        var run = RunDirectory.Create(tmp.Combine("run"));
        using (var model = TinyModel(11))
        using (var trainer = new Trainer(model, Options(3, seed: 11) with { RestoreBest = false }, run: run))
        using (var stop = new CancellationTokenSource())
        {
            trainer.EpochCompleted += (_, r) =>
            {
                if (r.Epoch == 1)
                {
                    stop.Cancel();
                }
            };
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader(), stop.Token));
        }

        // Disturb the global generator: resume must restore it from the checkpoint.
        torch.random.manual_seed(999);
        using (var model = new SmallCnn(6, width: 4, depth: 2))
        using (var trainer = new Trainer(model, Options(3, seed: 11) with { RestoreBest = false }, run: run))
        {
            var state = trainer.Resume(run.FilePath(RunDirectory.CheckpointFile));
            Assert.Equal(1, state.CompletedEpochs);
            var started = new List<TrainingStarted>();
            trainer.Started += (_, e) => started.Add(e);
            var resumed = trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader());
            Assert.Equal(2, Assert.Single(started).FirstEpoch);
            Assert.Equal(Comparable(uninterrupted), Comparable(resumed));
            Assert.Equal(finalWeights, model.state_dict()["head.weight"].data<float>().ToArray());
        }
    }

    [Fact]
    public void Live_tensors_after_epoch_10_equal_those_after_epoch_1()
    {
        using var model = TinyModel(4);
        using var tmp = new TempDir();
        using var trainer = new Trainer(model, Options(10, seed: 4), run: RunDirectory.Create(tmp.Path));
        var live = new List<long>();
        trainer.EpochCompleted += (_, _) => live.Add(DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
        var small = new DataLoader(TinyData.Train, 16, shuffle: true, seed: 5, dropLast: true);

        trainer.Fit(small, TinyData.ValLoader());

        Assert.Equal(10, live.Count);
        Assert.True(live[0] == live[9], $"live tensors per epoch: {string.Join(", ", live)}");
    }

    [Fact]
    public void A_nan_loss_stops_training_with_a_clear_message_and_keeps_the_last_good_checkpoint()
    {
        using var model = TinyModel(2);
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        var train = TinyData.TrainLoader(new NanAfter(TinyData.Train, goodReads: TinyData.TrainLoader().BatchCount * 16));
        using var trainer = new Trainer(model, Options(3, seed: 2), run: run);
        byte[]? afterEpoch1 = null;
        Diverged? diverged = null;
        trainer.CheckpointSaved += (_, c) =>
        {
            if (c.Kind == CheckpointKind.Last)
            {
                afterEpoch1 = File.ReadAllBytes(c.Path);
            }
        };
        trainer.Diverged += (_, d) => diverged = d;

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train, TinyData.ValLoader()));

        Assert.Contains("became NaN at epoch 2, batch 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("checkpoint of epoch 1 is kept", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new Diverged(2, 1, double.NaN, run.FilePath(RunDirectory.CheckpointFile)), diverged);
        Assert.Equal(afterEpoch1, File.ReadAllBytes(run.FilePath(RunDirectory.CheckpointFile)));
        Assert.Equal(1, Checkpoint.ReadState(run.FilePath(RunDirectory.CheckpointFile)).CompletedEpochs);
    }

    [Fact]
    public void A_nan_in_the_first_epoch_says_no_checkpoint_exists()
    {
        Trainer.Seed(2);
        var labels = new LabelVocabulary(["a", "b"]);
        var pixels = Enumerable.Range(0, 8).Select(_ => new byte[16 * 16 * 3]).ToList();
        var targets = Enumerable.Range(0, 8).Select(i => new float[] { i % 2, 1 - (i % 2) }).ToList();
        var names = Enumerable.Range(0, 8).Select(i => $"x{i}").ToList();
        var ds = new InMemoryImageDataset(labels, 16, 16, pixels, targets, names);
        var loader = new DataLoader(ds, 4, shuffle: false, transform: new LambdaTransform((image, _) => image.fill_(float.NaN)));
        using var model = new SmallCnn(2, width: 4, depth: 1);
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: 1, Device: "cpu"));

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(loader, loader));
        Assert.Contains("epoch 1, batch 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No checkpoint was written yet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_stopping_ends_the_run_when_the_metric_stops_improving()
    {
        // All targets are absent: micro-F1 is 0 every epoch, so only epoch 1 "improves" (from nothing).
        var labels = new LabelVocabulary(["a", "b"]);
        var ds = new InMemoryImageDataset(
            labels, 8, 8, Enumerable.Range(0, 32).Select(i => Enumerable.Repeat((byte)(i * 7), 8 * 8 * 3).ToArray()).ToList(),
            Enumerable.Range(0, 32).Select(_ => new float[2]).ToList(), Enumerable.Range(0, 32).Select(i => $"x{i}").ToList());
        Trainer.Seed(5);
        using var model = new SmallCnn(2, width: 2, depth: 1);
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: 10, Device: "cpu", Patience: 2));
        EarlyStopped? stopped = null;
        trainer.EarlyStopped += (_, e) => stopped = e;

        var history = trainer.Fit(new DataLoader(ds, 8, shuffle: true, dropLast: true), new DataLoader(ds, 32, shuffle: false));

        Assert.Equal(3, history.Count);
        Assert.Equal(new EarlyStopped(3, MonitorMetric.ValF1Micro, 0.0, 1, 2), stopped);
        Assert.Equal(1, trainer.BestEpoch);
    }

    [Fact]
    public void Restore_best_puts_the_best_epochs_weights_back()
    {
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        using var model = TinyModel(6);
        using var trainer = new Trainer(model, Options(3, seed: 6) with { Monitor = MonitorMetric.ValLoss }, run: run);
        trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader());

        var best = StateDictFile.Read(run.FilePath(RunDirectory.ModelFile));
        Assert.Equal(trainer.History.Where(r => r.IsBest).Max(r => r.Epoch), trainer.BestEpoch);
        Assert.Equal(best["head.weight"].data<float>().ToArray(), model.state_dict()["head.weight"].data<float>().ToArray());
    }

    [Fact]
    public void A_frozen_backbone_does_not_move_and_the_head_does()
    {
        using var model = TinyModel(7);
        FineTuning.FreezeBackbone(model);
        var conv = model.state_dict()["features.conv0a.weight"].clone();
        var head = model.state_dict()["head.weight"].clone();
        using var trainer = new Trainer(model, Options(1, seed: 7) with { RestoreBest = false });
        trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader());

        Assert.True(conv.equal(model.state_dict()["features.conv0a.weight"]).all().item<bool>());
        Assert.False(head.equal(model.state_dict()["head.weight"]).all().item<bool>());
    }

    [Fact]
    public void A_backbone_learning_rate_factor_of_zero_keeps_the_backbone_and_trains_the_head()
    {
        using var model = TinyModel(8);
        var conv = model.state_dict()["features.conv1b.weight"].clone();
        var head = model.state_dict()["head.bias"].clone();
        using var trainer = new Trainer(model, Options(1, seed: 8) with { BackboneLearningRateFactor = 0, WeightDecay = 0, RestoreBest = false });
        trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader());

        Assert.True(conv.equal(model.state_dict()["features.conv1b.weight"]).all().item<bool>());
        Assert.False(head.equal(model.state_dict()["head.bias"]).all().item<bool>());
    }

    [Fact]
    public void Resume_refuses_a_checkpoint_of_another_configuration()
    {
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        using (var model = TinyModel(9))
        using (var trainer = new Trainer(model, Options(1, seed: 9), run: run))
        {
            trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader());
        }

        using var other = TinyModel(9);
        using var longer = new Trainer(other, Options(5, seed: 9));
        var ex = Assert.Throws<InvalidDataException>(() => longer.Resume(run.FilePath(RunDirectory.CheckpointFile)));
        Assert.Contains("1 epochs and seed 9, not 5 and 9", ex.Message, StringComparison.Ordinal);

        using var wider = new SmallCnn(6, width: 8, depth: 2);
        using var mismatched = new Trainer(wider, Options(1, seed: 9));
        Assert.Throws<InvalidDataException>(() => mismatched.Resume(run.FilePath(RunDirectory.CheckpointFile)));
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_reported()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("checkpoint.bin");
        File.WriteAllText(path, "hello");
        var ex = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadState(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
