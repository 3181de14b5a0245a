using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 04.5: a small model's sizes and weight seed, the learning rate and three minibatches.</summary>
/// <param name="Features">Features per example.</param>
/// <param name="Labels">Labels.</param>
/// <param name="WeightSeed">Seed of the model's weights.</param>
/// <param name="LearningRate">SGD's learning rate.</param>
/// <param name="Inputs">The minibatches' inputs, [B, Features] each.</param>
/// <param name="Targets">The minibatches' targets, [B, Labels] each.</param>
public sealed record TrainStepInput(int Features, int Labels, int WeightSeed, double LearningRate, TensorData[] Inputs, TensorData[] Targets);

/// <summary>What three calls of a training step did.</summary>
/// <param name="Losses">The value each call returned.</param>
/// <param name="Weights">All parameters, flattened: before the first call, then after each call.</param>
public sealed record TrainStepObservation(double[] Losses, TensorData[] Weights);

/// <summary>04.5: one minibatch step: zero the gradients, loss, backward, step (<c>Func&lt;nn.Module&lt;Tensor, Tensor&gt;, optim.Optimizer, Tensor, Tensor, double&gt;</c>).</summary>
public sealed class TrainStepExercise : Exercise<Func<nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, double>, TrainStepInput, TrainStepObservation>
{
    internal TrainStepExercise()
        : base(
            "04.5",
            "One minibatch step of training",
            2,
            [
                "One step is lesson 03's loop body, with an optimizer doing the update: which four things happen, and in which order?",
                "Gradients add up in .grad until something zeroes them; backward fills them from the loss of this minibatch (mean BCE with logits); the optimizer's step then moves every parameter. Return the loss as a number (item).",
            ],
            (model, optimizer, inputs, targets) =>
            {
                optimizer.zero_grad();
                var loss = nn.functional.binary_cross_entropy_with_logits(model.call(inputs), targets);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })
    {
    }

    /// <inheritdoc />
    protected override TrainStepInput Example => Batches(new CaseRandom(5, "04.5-example"), 4, 3, 8, 0.5);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, TrainStepInput Input)> Generate(CaseRandom random)
    {
        yield return ("random minibatches", Batches(random, random.Between(2, 8), random.Between(1, 6), random.Between(4, 16), 0.3));
        yield return ("a large learning rate", Batches(random, random.Between(2, 8), random.Between(2, 6), random.Between(4, 16), 2));
        yield return ("minibatches of one example", Batches(random, random.Between(2, 8), random.Between(2, 6), 1, 0.5));
    }

    /// <inheritdoc />
    protected override TrainStepObservation Run(Func<nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, double> answer, TrainStepInput input)
    {
        using var model = nn.Sequential(("hidden", nn.Linear(input.Features, 8)), ("tanh", nn.Tanh()), ("out", nn.Linear(8, input.Labels)));
        ModuleWeights.Fill(model, input.WeightSeed);
        using var optimizer = optim.SGD(model.parameters(), input.LearningRate);
        var losses = new List<double>();
        var weights = new List<TensorData> { Flattened(model) };
        for (int i = 0; i < input.Inputs.Length; i++)
        {
            using var scope = NewDisposeScope();
            using var x = input.Inputs[i].ToTensor();
            using var y = input.Targets[i].ToTensor();
            losses.Add(answer(model, optimizer, x, y));
            weights.Add(Flattened(model));
        }

        return new TrainStepObservation([.. losses], [.. weights]);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<TrainStepInput> testCase, TrainStepObservation learner, TrainStepObservation reference)
    {
        for (int step = 0; step < reference.Losses.Length; step++)
        {
            var nth = step == 0 ? "first" : step == 1 ? "second" : "third";
            if (!Judging.Close(learner.Losses[step], reference.Losses[step]))
            {
                return step == 0
                    ? $"The first call returned {Judging.Format(learner.Losses[step])}: return the mean BCE with logits of the minibatch, computed before the step."
                    : $"The {nth} call returned a loss that is not this minibatch's loss before its step.";
            }

            if (Judging.AllClose(learner.Weights[step + 1].Values, reference.Weights[step + 1].Values, 1e-4, 1e-6))
            {
                continue;
            }

            if (Judging.AllClose(learner.Weights[step + 1].Values, learner.Weights[step].Values, 0, 0))
            {
                return $"The weights did not change in the {nth} step: call optimizer.step() after loss.backward().";
            }

            return step == 0
                ? "After the first step the weights are not those of one SGD step on the minibatch's loss: compute the loss, backward, then step."
                : $"The first step is right but the {nth} is not: gradients add up in .grad across steps until optimizer.zero_grad() clears them.";
        }

        return null;
    }

    private static TensorData Flattened(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return TensorData.From(cat(model.parameters().Select(p => p.detach().reshape(-1)).ToArray(), 0));
    }

    private static TrainStepInput Batches(CaseRandom random, int features, int labels, int batch, double learningRate)
    {
        var inputs = Enumerable.Range(0, 3).Select(_ => Lesson04.Normal(random, [batch, features])).ToArray();
        var targets = Enumerable.Range(0, 3).Select(_ => TensorData.OfFloats([batch, labels], random.Targets(batch, labels, 0.4).SelectMany(r => r))).ToArray();
        return new TrainStepInput(features, labels, random.Between(1, 1000), learningRate, inputs, targets);
    }
}
