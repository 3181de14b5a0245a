using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

[Collection(TorchGlobalState.Name)]
public sealed class TrainerTests
{
    [Fact]
    public void Training_steps_on_a_fixed_batch_lower_the_loss()
    {
        Trainer.Seed(0);
        var ds = ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 40, ImageSize: 32, Seed: 3, ValFraction: 0, TestFraction: 0.01)), Split.Train);
        using var batch = new DataLoader(ds, 16, shuffle: false).Epoch(0).First();
        using var model = new SmallCnn(ds.Labels.Count, width: 8, depth: 2, dropoutRate: 0);
        using var lossFunction = nn.BCEWithLogitsLoss();
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
    public void Fit_records_history_and_raises_events()
    {
        Trainer.Seed(1);
        var samples = ShapesGenerator.Generate(new ShapesOptions(Count: 120, ImageSize: 32, Seed: 4));
        var train = new DataLoader(ShapesGenerator.ToDataset(samples, Split.Train), 16, shuffle: true, seed: 1, dropLast: true);
        var val = new DataLoader(ShapesGenerator.ToDataset(samples, Split.Val), 64, shuffle: false);
        using var model = new SmallCnn(6, width: 4, depth: 2);
        var trainer = new Trainer(model, new TrainerOptions(Epochs: 2, Device: "cpu"));
        int batches = 0;
        var epochs = new List<EpochRecord>();
        trainer.BatchCompleted += (_, _) => batches++;
        trainer.EpochCompleted += (_, r) => epochs.Add(r);

        var history = trainer.Fit(train, val);

        Assert.Equal(2, history.Count);
        Assert.Equal(history, epochs);
        Assert.Equal(2 * train.BatchCount, batches);
        Assert.All(history, r => Assert.True(double.IsFinite(r.TrainLoss) && r.ImagesPerSecond > 0));
    }

    [Fact]
    public void A_nan_in_the_data_stops_training_with_a_clear_message()
    {
        Trainer.Seed(2);
        var labels = new LabelVocabulary(["a", "b"]);
        var pixels = Enumerable.Range(0, 8).Select(_ => new byte[16 * 16 * 3]).ToList();
        var targets = Enumerable.Range(0, 8).Select(i => new float[] { i % 2, 1 - (i % 2) }).ToList();
        var names = Enumerable.Range(0, 8).Select(i => $"x{i}").ToList();
        var ds = new InMemoryImageDataset(labels, 16, 16, pixels, targets, names);
        var loader = new DataLoader(ds, 4, shuffle: false, transform: new LambdaTransform((image, _) => image.fill_(float.NaN)));
        using var model = new SmallCnn(2, width: 4, depth: 1);
        var trainer = new Trainer(model, new TrainerOptions(Epochs: 1, Device: "cpu"));

        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(loader, loader));
        Assert.Contains("epoch 1, batch 1", ex.Message, StringComparison.Ordinal);
    }
}
