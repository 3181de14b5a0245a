using System.Text.Json;
using MultiLabel.Data;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using MultiLabel.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

[Collection(TorchGlobalState.Name)]
public sealed class CallbackTests
{
    /// <summary>A model without BatchNorm or dropout, so batch size alone does not change its gradients.</summary>
    private static nn.Module<Tensor, Tensor> Probe(long seed)
    {
        Trainer.Seed(seed);
        return nn.Sequential(nn.Flatten(), nn.Linear(3 * 24 * 24, 6));
    }

    private static FirstImages First(int count) => new(TinyData.Train, count);

    private static float[] Weights(nn.Module<Tensor, Tensor> model) =>
        [.. model.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray())];

    [Fact]
    public void Gradient_accumulation_over_two_batches_of_8_trains_exactly_like_one_batch_of_16()
    {
        var data = First(64);
        var options = new TrainerOptions(Epochs: 2, Seed: 3, Device: "cpu", GradientClipNorm: 0.5, RestoreBest: false);
        using var accumulated = Probe(3);
        using (var trainer = new Trainer(accumulated, options, callbacks: [new GradientAccumulation(2)]))
        {
            var steps = new List<long>();
            trainer.BatchCompleted += (_, b) => steps.Add(b.Step);
            trainer.Fit(new DataLoader(data, 8, shuffle: true, seed: 5, dropLast: true), TinyData.ValLoader());
            Assert.Equal([0L, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7], steps);
        }

        using var large = Probe(3);
        using (var trainer = new Trainer(large, options))
        {
            trainer.Fit(new DataLoader(data, 16, shuffle: true, seed: 5, dropLast: true), TinyData.ValLoader());
        }

        var a = Weights(accumulated);
        var b = Weights(large);
        using var initial = Probe(3);
        Assert.NotEqual(Weights(initial), b); // the runs did train
        Assert.Equal(b.Length, a.Length);
        double worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(worst < 1e-5, $"largest weight difference {worst}");
    }

    [Fact]
    public void The_last_short_group_of_an_epoch_steps_at_the_epochs_end_with_its_own_mean()
    {
        // 7 batches in groups of 3: steps after batches 3, 6 and 7, so 3 steps per epoch and none across epochs.
        using var model = Probe(4);
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: 2, Device: "cpu", RestoreBest: false), callbacks: [new GradientAccumulation(3)]);
        var scaled = new List<float>();
        var recorder = new Recorder();
        trainer.Add(recorder);
        trainer.BatchCompleted += (_, b) => scaled.Add((float)b.Loss);
        trainer.Fit(new DataLoader(First(56), 8, shuffle: true, seed: 1, dropLast: true), TinyData.ValLoader());

        Assert.Equal([0L, 0, 0, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 5], recorder.StepsAtBatchStart);
        Assert.Equal([3, 3, 3, 3, 3, 3, 1, 3, 3, 3, 3, 3, 3, 1], recorder.LossDivisors);
        Assert.Equal(6, recorder.StepsTaken);
        Assert.All(scaled, l => Assert.True(l > 0.3, "the reported loss is the loss function's, not the divided one"));
    }

    [Fact]
    public void Callbacks_run_by_order_at_each_moment_of_the_loop()
    {
        using var model = Probe(5);
        var log = new List<string>();
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: 1, Device: "cpu"),
            callbacks: [new Logging("late", 5, log), new Logging("early", -5, log)]);
        trainer.Fit(new DataLoader(First(16), 8, shuffle: false), new DataLoader(First(8), 8, shuffle: false));

        string[] batch = ["BeforeBatch", "AfterLoss", "BeforeStep", "AfterBatch"];
        string[] moments = ["BeforeFit", "BeforeEpoch", .. batch, .. batch, "AfterEpoch", "AfterFit"];
        Assert.Equal(moments.SelectMany(m => new[] { $"early {m}", $"late {m}" }), log);
        Assert.Equal(
            ["LearningRateScheduling", "Logging", "Logging", "BestWeights"],
            trainer.Callbacks.Select(c => c.GetType().Name).Where(n => n != nameof(GradientClipping)));
    }

    [Fact]
    public void A_callback_can_replace_the_loss_skip_steps_and_stop_training()
    {
        using var model = Probe(6);
        var before = Weights(model);
        using var zero = new Trainer(model, new TrainerOptions(Epochs: 3, Device: "cpu", WeightDecay: 0, RestoreBest: false),
            callbacks: [new ZeroLossThenStop(stopAfterEpoch: 2)]);
        var history = zero.Fit(new DataLoader(First(32), 8, shuffle: true, seed: 2, dropLast: true), TinyData.ValLoader());

        Assert.Equal(2, history.Count); // stopped after epoch 2 of 3
        Assert.Equal(before, Weights(model)); // a zero loss gives zero gradients: AdamW without decay moves nothing

        var skipper = new SkipEveryStep();
        using var other = Probe(7);
        var initial = Weights(other);
        using var skipping = new Trainer(other, new TrainerOptions(Epochs: 1, Device: "cpu", RestoreBest: false), callbacks: [skipper]);
        skipping.Fit(new DataLoader(First(32), 8, shuffle: true, seed: 2, dropLast: true), TinyData.ValLoader());
        Assert.Equal(initial, Weights(other));
        Assert.Equal(0, skipper.StepsSeen);
    }

    [Fact]
    public void The_state_of_a_checkpointed_callback_survives_a_resume()
    {
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        var options = new TrainerOptions(Epochs: 3, Seed: 8, Device: "cpu");
        var train = new DataLoader(First(32), 8, shuffle: true, seed: 2, dropLast: true);
        using (var model = Probe(8))
        using (var trainer = new Trainer(model, options, run: run, callbacks: [new BatchCounter()]))
        using (var stop = new CancellationTokenSource())
        {
            trainer.EpochCompleted += (_, r) =>
            {
                if (r.Epoch == 2)
                {
                    stop.Cancel();
                }
            };
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(train, TinyData.ValLoader(), stop.Token));
        }

        var counter = new BatchCounter();
        using var resumedModel = Probe(8);
        using var resumed = new Trainer(resumedModel, options, run: run, callbacks: [counter]);
        resumed.Resume(run.FilePath(RunDirectory.CheckpointFile));
        Assert.Equal(8, counter.Batches);
        resumed.Fit(train, TinyData.ValLoader());
        Assert.Equal(12, counter.Batches);
    }

    [Fact]
    public void A_checkpoint_of_the_previous_format_is_refused_with_a_clear_message()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("checkpoint.bin");
        File.WriteAllBytes(path, [.. "MLCCKPT1"u8, 0, 0, 0, 0]);
        var ex = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadState(path));
        Assert.Contains("earlier version of mlc", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    private sealed class Logging(string name, int order, List<string> log) : TrainerCallback
    {
        public override int Order => order;

        public override void BeforeFit(TrainingContext context) => log.Add($"{name} BeforeFit");

        public override void BeforeEpoch(TrainingContext context) => log.Add($"{name} BeforeEpoch");

        public override void BeforeBatch(TrainingContext context) => log.Add($"{name} BeforeBatch");

        public override void AfterLoss(TrainingContext context) => log.Add($"{name} AfterLoss");

        public override void BeforeStep(TrainingContext context) => log.Add($"{name} BeforeStep");

        public override void AfterBatch(TrainingContext context) => log.Add($"{name} AfterBatch");

        public override void AfterEpoch(TrainingContext context) => log.Add($"{name} AfterEpoch");

        public override void AfterFit(TrainingContext context) => log.Add($"{name} AfterFit");
    }

    /// <summary>Records the step counter and the loss divisor the accumulation applied, after it ran.</summary>
    private sealed class Recorder : TrainerCallback
    {
        private float original;

        public override int Order => -60;

        public List<long> StepsAtBatchStart { get; } = [];

        public List<int> LossDivisors { get; } = [];

        public int StepsTaken { get; private set; }

        public override void BeforeBatch(TrainingContext context) => StepsAtBatchStart.Add(context.Step);

        public override void AfterLoss(TrainingContext context) => original = context.Loss!.item<float>();

        public override void BeforeStep(TrainingContext context)
        {
            LossDivisors.Add((int)Math.Round(original / context.Loss!.item<float>()));
        }

        public override void AfterBatch(TrainingContext context) => StepsTaken = (int)context.Step;
    }

    private sealed class ZeroLossThenStop(int stopAfterEpoch) : TrainerCallback
    {
        public override void AfterLoss(TrainingContext context) => context.Loss = context.Logits!.sum() * 0;

        public override void AfterEpoch(TrainingContext context)
        {
            if (context.Epoch == stopAfterEpoch)
            {
                context.RequestStop("the test says so");
            }
        }
    }

    private sealed class SkipEveryStep : TrainerCallback
    {
        public int StepsSeen { get; private set; }

        public override void BeforeStep(TrainingContext context) => context.SkipStep = true;

        public override void AfterBatch(TrainingContext context) => StepsSeen = (int)context.Step;
    }

    private sealed class BatchCounter : TrainerCallback, ICheckpointedCallback
    {
        public int Batches { get; private set; }

        public string StateKey => "batch_counter";

        public override void AfterBatch(TrainingContext context) => Batches++;

        public JsonElement SaveState() => JsonSerializer.SerializeToElement(Batches);

        public void LoadState(JsonElement state, string runFolder) => Batches = state.GetInt32();
    }

    /// <summary>The first images of a dataset.</summary>
    private sealed class FirstImages(IImageDataset inner, int count) : IImageDataset
    {
        public LabelVocabulary Labels => inner.Labels;

        public int Count => Math.Min(count, inner.Count);

        public string GetName(int index) => inner.GetName(index);

        public ReadOnlySpan<float> GetTarget(int index) => inner.GetTarget(index);

        public Tensor GetImage(int index) => inner.GetImage(index);
    }
}
