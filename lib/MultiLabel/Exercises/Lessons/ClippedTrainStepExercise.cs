using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 07.1: a small model's sizes and weight seed, SGD's learning rate, the clipping norm and three minibatches.</summary>
/// <param name="Features">Features per example.</param>
/// <param name="Labels">Labels.</param>
/// <param name="WeightSeed">Seed of the model's weights.</param>
/// <param name="OutputScale">The output layer's weights are multiplied by this (large: saturated logits).</param>
/// <param name="LearningRate">SGD's learning rate.</param>
/// <param name="MaxNorm">The largest global gradient norm a step may use.</param>
/// <param name="Inputs">The minibatches' inputs, [B, Features] each.</param>
/// <param name="Targets">The minibatches' targets, [B, Labels] each.</param>
public sealed record ClippedStepInput(int Features, int Labels, int WeightSeed, double OutputScale, double LearningRate, double MaxNorm, TensorData[] Inputs, TensorData[] Targets);

/// <summary>What three calls of a clipped training step did.</summary>
/// <param name="Losses">The value each call returned.</param>
/// <param name="Weights">All parameters, flattened: before the first call, then after each call.</param>
/// <param name="GradientNorms">After each call, the global norm of the gradients left in the parameters (-1: none).</param>
public sealed record ClippedStepObservation(double[] Losses, TensorData[] Weights, double[] GradientNorms);

/// <summary>07.1: one training step with gradient clipping (<c>Func&lt;nn.Module&lt;Tensor, Tensor&gt;, optim.Optimizer, Tensor, Tensor, double, double&gt;</c>).</summary>
public sealed class ClippedTrainStepExercise : Exercise<Func<nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, double, double>, ClippedStepInput, ClippedStepObservation>
{
    internal ClippedTrainStepExercise()
        : base(
            "07.1",
            "One training step, with gradient clipping",
            2,
            [
                "Lesson 04's step had four parts; clipping is a fifth. It changes the gradients, so ask which part makes them and which part uses them.",
                "The loss takes the raw logits (the with_logits form; a sigmoid followed by the probability form saturates). nn.utils.clip_grad_norm_ scales all gradients together so that their global norm is at most maxNorm; the step must see the clipped ones. Return the loss before the step, as a number.",
            ],
            (model, optimizer, images, targets, maxNorm) =>
            {
                optimizer.zero_grad();
                var loss = nn.functional.binary_cross_entropy_with_logits(model.call(images), targets);
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
                optimizer.step();
                return loss.item<float>();
            })
    {
    }

    /// <inheritdoc />
    protected override ClippedStepInput Example => Make(new CaseRandom(7, "07.1-example"), 4, 3, 8, 1, 0.5, 0.5);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ClippedStepInput Input)> Generate(CaseRandom random)
    {
        yield return ("gradients larger than the clipping norm", Make(random, random.Between(2, 8), random.Between(2, 6), random.Between(4, 16), 1, 1, 0.05));
        yield return ("a clipping norm so large that clipping changes nothing", Make(random, random.Between(2, 8), random.Between(1, 6), random.Between(4, 16), 1, 0.3, 1e3));
        yield return ("saturated logits (a confident, partly wrong model)", Make(random, random.Between(2, 8), random.Between(2, 6), random.Between(4, 16), 60, 0.01, 1));
        yield return ("minibatches of one example", Make(random, random.Between(2, 8), random.Between(2, 6), 1, 1, 0.5, 0.2));
    }

    /// <inheritdoc />
    protected override ClippedStepObservation Run(Func<nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, double, double> answer, ClippedStepInput input)
    {
        using var model = Lesson07.SmallNet(input.Features, input.Labels, input.WeightSeed);
        using (no_grad())
        {
            model.named_parameters().First(p => p.name == "out.weight").parameter.mul_(input.OutputScale);
        }

        using var optimizer = optim.SGD(model.parameters(), input.LearningRate);
        var losses = new List<double>();
        var norms = new List<double>();
        var weights = new List<TensorData> { Lesson07.Flattened(model) };
        for (int i = 0; i < input.Inputs.Length; i++)
        {
            using var scope = NewDisposeScope();
            using var x = input.Inputs[i].ToTensor();
            using var y = input.Targets[i].ToTensor();
            losses.Add(answer(model, optimizer, x, y, input.MaxNorm));
            weights.Add(Lesson07.Flattened(model));
            norms.Add(Lesson07.GradientNorm(model));
        }

        return new ClippedStepObservation([.. losses], [.. weights], [.. norms]);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ClippedStepInput> testCase, ClippedStepObservation learner, ClippedStepObservation reference)
    {
        double maxNorm = testCase.Input.MaxNorm;
        for (int step = 0; step < reference.Losses.Length; step++)
        {
            var nth = step == 0 ? "first" : step == 1 ? "second" : "third";
            if (!Judging.Close(learner.Losses[step], reference.Losses[step]))
            {
                if (step > 0)
                {
                    return $"The {nth} call returned a loss that is not this minibatch's loss before its step.";
                }

                return testCase.Input.OutputScale > 1 && double.IsFinite(learner.Losses[0])
                    ? $"On saturated logits the first call returned {Judging.Format(learner.Losses[0])}: a sigmoid followed by the probability form of BCE rounds the probabilities to 0 or 1 (and clamps the log); the with_logits form stays exact."
                    : $"The first call returned {Judging.Format(learner.Losses[0])}: return the mean BCE with logits of the minibatch, computed before the step.";
            }

            if (Judging.AllClose(learner.Weights[step + 1].Values, reference.Weights[step + 1].Values, 1e-4, 1e-6))
            {
                continue;
            }

            if (Judging.AllClose(learner.Weights[step + 1].Values, learner.Weights[step].Values, 0, 0))
            {
                return $"The weights did not change in the {nth} step: call optimizer.step() after loss.backward().";
            }

            if (learner.GradientNorms[step] > maxNorm * (1 + 1e-3) && reference.GradientNorms[step] <= maxNorm * (1 + 1e-3))
            {
                return $"After the {nth} call the gradients' global norm is {Judging.Format(learner.GradientNorms[step])}, above maxNorm: clip them after backward() and before step().";
            }

            return step == 0
                ? "After the first step the weights are not those of one clipped SGD step on the minibatch's loss: zero the gradients, compute the loss, backward, clip, then step."
                : $"The first step is right but the {nth} is not: gradients add up in .grad across steps until optimizer.zero_grad() clears them.";
        }

        return null;
    }

    private static ClippedStepInput Make(CaseRandom random, int features, int labels, int batch, double outputScale, double learningRate, double maxNorm)
    {
        var (inputs, targets) = Lesson07.Batches(random, features, labels, [batch, batch, batch], std: 1.5);
        return new ClippedStepInput(features, labels, random.Between(1, 1000), outputScale, learningRate, maxNorm, inputs, targets);
    }
}
