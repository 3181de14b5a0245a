using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 07.2: a model's sizes and weight seed, and validation minibatches (the last one may be shorter).</summary>
/// <param name="Features">Features per example.</param>
/// <param name="Labels">Labels.</param>
/// <param name="WeightSeed">Seed of the model's weights and BatchNorm statistics.</param>
/// <param name="Inputs">The minibatches' inputs, [B, Features] each.</param>
/// <param name="Targets">The minibatches' targets, [B, Labels] each.</param>
public sealed record ValidationInput(int Features, int Labels, int WeightSeed, TensorData[] Inputs, TensorData[] Targets);

/// <summary>What a validation function did with the model, and two wrong averages of the same batches for the judge.</summary>
/// <param name="Loss">The value it returned.</param>
/// <param name="Forwards">Forward passes of the model it made.</param>
/// <param name="ForwardsInTrainingMode">Of those, how many ran in training mode.</param>
/// <param name="ForwardsWithGradients">Of those, how many ran with gradients enabled.</param>
/// <param name="MeanOfBatchMeans">The mean of the batches' mean losses (computed by the check, in evaluation mode, before the call).</param>
/// <param name="SumOfBatchMeans">The sum of the batches' mean losses (the same way).</param>
public sealed record ValidationObservation(double Loss, int Forwards, int ForwardsInTrainingMode, int ForwardsWithGradients, double MeanOfBatchMeans, double SumOfBatchMeans);

/// <summary>07.2: the validation loop (<c>Func&lt;nn.Module&lt;Tensor, Tensor&gt;, IReadOnlyList&lt;(Tensor Images, Tensor Targets)&gt;, double&gt;</c>).</summary>
public sealed class ValidationLoopExercise : Exercise<Func<nn.Module<Tensor, Tensor>, IReadOnlyList<(Tensor Images, Tensor Targets)>, double>, ValidationInput, ValidationObservation>
{
    internal ValidationLoopExercise()
        : base(
            "07.2",
            "The validation loop",
            2,
            [
                "Validation measures the model as it will be used for predictions: which two switches make a forward pass behave that way and cost no more than needed?",
                "One switch is a mode of the model (dropout and BatchNorm), the other a scope in which autograd records nothing. Then average the loss over images, not over batches: the last batch can be shorter, so weight each batch's mean loss by its number of images.",
            ],
            (model, batches) =>
            {
                model.eval();
                using var noGrad = torch.no_grad();
                double lossSum = 0;
                long images = 0;
                foreach (var (x, y) in batches)
                {
                    var loss = nn.functional.binary_cross_entropy_with_logits(model.call(x), y);
                    lossSum += loss.item<float>() * x.shape[0];
                    images += x.shape[0];
                }

                return lossSum / images;
            })
    {
    }

    /// <inheritdoc />
    protected override ValidationInput Example => Make(new CaseRandom(7, "07.2-example"), 4, 3, [8, 8, 3]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ValidationInput Input)> Generate(CaseRandom random)
    {
        int size = random.Between(4, 12);
        yield return ("a short last batch", Make(random, random.Between(2, 8), random.Between(2, 6), [size, size, size, random.Between(2, size - 1)]));
        yield return ("one batch", Make(random, random.Between(2, 8), random.Between(1, 6), [random.Between(3, 16)]));
        yield return ("a last batch of one image", Make(random, random.Between(2, 8), random.Between(2, 6), [size, size, 1]));
    }

    /// <inheritdoc />
    protected override ValidationObservation Run(Func<nn.Module<Tensor, Tensor>, IReadOnlyList<(Tensor Images, Tensor Targets)>, double> answer, ValidationInput input)
    {
        using var model = new ProbeNet(input.Features, input.Labels);
        ModuleWeights.Fill(model, input.WeightSeed);
        var batches = input.Inputs.Zip(input.Targets, (x, y) => (x.ToTensor(), y.ToTensor())).ToList();
        var batchLosses = new List<double>();
        model.eval();
        using (no_grad())
        {
            foreach (var (x, y) in batches)
            {
                batchLosses.Add(nn.functional.binary_cross_entropy_with_logits(model.call(x), y).item<float>());
            }
        }

        model.train(); // as the training loop leaves it
        model.Calls.Clear();
        double loss = answer(model, batches);
        return new ValidationObservation(
            loss, model.Calls.Count, model.Calls.Count(c => c.Training), model.Calls.Count(c => c.Gradients), batchLosses.Average(), batchLosses.Sum());
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ValidationInput> testCase, ValidationObservation learner, ValidationObservation reference)
    {
        if (learner.Forwards == 0)
        {
            return "Your function never called the model: run it on every batch.";
        }

        if (learner.ForwardsInTrainingMode > 0)
        {
            return $"{learner.ForwardsInTrainingMode} of your {learner.Forwards} forward passes ran in training mode: call model.eval() first (dropout and BatchNorm then behave as they will for predictions).";
        }

        if (learner.ForwardsWithGradients > 0)
        {
            return $"{learner.ForwardsWithGradients} of your {learner.Forwards} forward passes ran with gradients enabled: validate inside using (torch.no_grad()) (autograd then keeps no graph, which saves memory and time).";
        }

        if (Judging.Close(learner.Loss, reference.Loss))
        {
            return null;
        }

        if (Judging.Close(learner.Loss, reference.MeanOfBatchMeans))
        {
            return "Your value is the mean of the batches' mean losses: a short last batch then counts as much as a full one. Weight each batch by its number of images.";
        }

        return Judging.Close(learner.Loss, reference.SumOfBatchMeans)
            ? "Your value is the sum of the batches' losses: divide by the number of images."
            : $"Your function returned {Judging.Format(learner.Loss)}, which is not the mean BCE with logits over all images of all batches.";
    }

    private static ValidationInput Make(CaseRandom random, int features, int labels, int[] sizes)
    {
        var (inputs, targets) = Lesson07.Batches(random, features, labels, sizes);
        return new ValidationInput(features, labels, random.Between(1, 1000), inputs, targets);
    }

    /// <summary>A model with BatchNorm and dropout that records the mode and autograd state of every forward pass.</summary>
    private sealed class ProbeNet : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear hidden;
        private readonly TorchSharp.Modules.BatchNorm1d norm;
        private readonly TorchSharp.Modules.Dropout dropout;
        private readonly TorchSharp.Modules.Linear output;

        public ProbeNet(int features, int labels)
            : base("ValidationProbe")
        {
            hidden = nn.Linear(features, 8);
            norm = nn.BatchNorm1d(8);
            dropout = nn.Dropout(0.5);
            output = nn.Linear(8, labels);
            RegisterComponents();
        }

        public List<(bool Training, bool Gradients)> Calls { get; } = [];

        public override Tensor forward(Tensor input)
        {
            Calls.Add((training, is_grad_enabled()));
            return output.call(dropout.call(nn.functional.relu(norm.call(hidden.call(input)))));
        }
    }
}
