using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 07.3: a small model, AdamW's learning rate, the epoch of the checkpoint and five minibatches.</summary>
/// <param name="Features">Features per example.</param>
/// <param name="Labels">Labels.</param>
/// <param name="WeightSeed">Seed of the trained model's first weights.</param>
/// <param name="FreshSeed">Seed of the fresh model the checkpoint is restored into.</param>
/// <param name="LearningRate">AdamW's learning rate.</param>
/// <param name="Epoch">The epoch the checkpoint is taken after.</param>
/// <param name="Inputs">Five minibatches' inputs: two steps before the checkpoint, two after, one after the restore.</param>
/// <param name="Targets">Their targets.</param>
public sealed record CheckpointInput(int Features, int Labels, int WeightSeed, int FreshSeed, double LearningRate, int Epoch, TensorData[] Inputs, TensorData[] Targets);

/// <summary>What a checkpoint round trip did.</summary>
/// <param name="WeightsAtCheckpoint">The trained model's weights when the checkpoint was taken.</param>
/// <param name="WeightsLater">The trained model's weights after two more steps (the run went on).</param>
/// <param name="FreshWeights">The fresh model's weights before the restore.</param>
/// <param name="RestoredWeights">The fresh model's weights after the restore.</param>
/// <param name="ReturnedEpoch">What the restore function returned.</param>
/// <param name="WeightsAfterNextStep">The fresh model's weights after one AdamW step following the restore.</param>
public sealed record CheckpointObservation(
    TensorData WeightsAtCheckpoint, TensorData WeightsLater, TensorData FreshWeights, TensorData RestoredWeights, int ReturnedEpoch, TensorData WeightsAfterNextStep);

/// <summary>
/// 07.3: take a checkpoint (model, optimizer state, epoch) and return the function that restores it into a model and
/// an optimizer of the same structure (<c>Func&lt;nn.Module, OptimizerHelper, int, Func&lt;nn.Module, OptimizerHelper, int&gt;&gt;</c>).
/// </summary>
public sealed class CheckpointRoundTripExercise : Exercise<Func<nn.Module, OptimizerHelper, int, Func<nn.Module, OptimizerHelper, int>>, CheckpointInput, CheckpointObservation>
{
    internal CheckpointRoundTripExercise()
        : base(
            "07.3",
            "A checkpoint round trip",
            3,
            [
                "Training goes on after the checkpoint is taken: whatever the checkpoint holds must not change with it. And ask what else, besides the weights, decides what the next step does.",
                "state_dict() hands out the model's live tensors, not copies. Both the model and the optimizer can write themselves to a stream and read themselves back from one; bytes in memory are a copy that training cannot change. The function you return runs later, on another model and optimizer.",
            ],
            (model, optimizer, epoch) =>
            {
                using var stream = new MemoryStream();
                using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    model.save(writer);
                    optimizer.save_state_dict(writer);
                }

                var bytes = stream.ToArray();
                return (freshModel, freshOptimizer) =>
                {
                    using var reader = new BinaryReader(new MemoryStream(bytes));
                    freshModel.load(reader);
                    freshOptimizer.load_state_dict(reader);
                    return epoch;
                };
            })
    {
    }

    /// <inheritdoc />
    protected override CheckpointInput Example => Make(new CaseRandom(7, "07.3-example"), 4, 3, 8, 3, 0.05);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, CheckpointInput Input)> Generate(CaseRandom random)
    {
        yield return ("random minibatches", Make(random, random.Between(2, 8), random.Between(2, 6), random.Between(4, 16), random.Between(1, 30), 0.02));
        yield return ("a large learning rate", Make(random, random.Between(2, 8), random.Between(1, 6), random.Between(4, 16), random.Between(1, 30), 0.3));
        yield return ("a checkpoint after the first epoch", Make(random, random.Between(2, 8), random.Between(2, 6), random.Between(1, 4), 1, 0.05));
    }

    /// <inheritdoc />
    protected override CheckpointObservation Run(Func<nn.Module, OptimizerHelper, int, Func<nn.Module, OptimizerHelper, int>> answer, CheckpointInput input)
    {
        using var trained = Lesson07.SmallNet(input.Features, input.Labels, input.WeightSeed);
        using var trainedOptimizer = optim.AdamW(trained.parameters(), input.LearningRate);
        Step(trained, trainedOptimizer, input, 0);
        Step(trained, trainedOptimizer, input, 1);
        var atCheckpoint = Lesson07.Flattened(trained);
        var restore = answer(trained, trainedOptimizer, input.Epoch)
            ?? throw new ImproperAnswerException("Your function returned null: return the function that restores the checkpoint.");
        Step(trained, trainedOptimizer, input, 2);
        Step(trained, trainedOptimizer, input, 3);
        var later = Lesson07.Flattened(trained);

        using var fresh = Lesson07.SmallNet(input.Features, input.Labels, input.FreshSeed);
        using var freshOptimizer = optim.AdamW(fresh.parameters(), input.LearningRate);
        var freshWeights = Lesson07.Flattened(fresh);
        int epoch = restore(fresh, freshOptimizer);
        var restored = Lesson07.Flattened(fresh);
        Step(fresh, freshOptimizer, input, 4);
        return new CheckpointObservation(atCheckpoint, later, freshWeights, restored, epoch, Lesson07.Flattened(fresh));
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<CheckpointInput> testCase, CheckpointObservation learner, CheckpointObservation reference)
    {
        if (learner.ReturnedEpoch != testCase.Input.Epoch)
        {
            return $"The restore function returned {learner.ReturnedEpoch}: return the epoch the checkpoint was taken at.";
        }

        if (!Same(learner.RestoredWeights, reference.RestoredWeights))
        {
            if (Same(learner.RestoredWeights, learner.WeightsLater))
            {
                return "The restored weights are those the model has now, after training went on, not those it had at the checkpoint: " +
                       "the checkpoint holds references to the live tensors. Copy them when the checkpoint is taken.";
            }

            return Same(learner.RestoredWeights, learner.FreshWeights)
                ? "The restore function left the fresh model's weights as they were: load the saved weights into the model it is given."
                : "The restored weights are not those the model had when the checkpoint was taken.";
        }

        return Same(learner.WeightsAfterNextStep, reference.WeightsAfterNextStep)
            ? null
            : "The weights are restored, but the first step after the restore differs from that of an uninterrupted run: AdamW's state " +
              "(its moving averages and step count) belongs in the checkpoint too, copied when it is taken and loaded into the optimizer given.";
    }

    private static bool Same(TensorData learner, TensorData reference) => Judging.AllClose(learner.Values, reference.Values, 1e-5, 1e-7);

    private static void Step(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, CheckpointInput input, int batch)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        using var x = input.Inputs[batch].ToTensor();
        using var y = input.Targets[batch].ToTensor();
        nn.functional.binary_cross_entropy_with_logits(model.call(x), y).backward();
        optimizer.step();
    }

    private static CheckpointInput Make(CaseRandom random, int features, int labels, int batch, int epoch, double learningRate)
    {
        var (inputs, targets) = Lesson07.Batches(random, features, labels, [batch, batch, batch, batch, batch]);
        int seed = random.Between(1, 1000);
        return new CheckpointInput(features, labels, seed, random.BetweenExcept(1, 1000, seed), learningRate, epoch, inputs, targets);
    }
}
