using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 10.3: a linear model with dropout (its weights), a batch of images and one threshold per label.</summary>
/// <param name="Weight">The linear layer's weight [L, C·H·W].</param>
/// <param name="Bias">Its bias [L].</param>
/// <param name="Images">The batch [N, C, H, W].</param>
/// <param name="Thresholds">One probability threshold per label.</param>
public sealed record PredictInput(TensorData Weight, TensorData Bias, TensorData Images, float[] Thresholds);

/// <summary>What a prediction function returned and how it ran the model, plus the model's logits for the judge.</summary>
/// <param name="Result">The returned tensor.</param>
/// <param name="RequiresGrad">Whether the returned tensor is part of an autograd graph.</param>
/// <param name="Forwards">Forward passes of the model it made.</param>
/// <param name="ForwardsInTrainingMode">Of those, how many ran in training mode.</param>
/// <param name="ForwardsWithGradients">Of those, how many ran with gradients enabled.</param>
/// <param name="Logits">The model's logits in evaluation mode [N, L] (computed by the check, after the call).</param>
public sealed record PredictObservation(TensorData Result, bool RequiresGrad, int Forwards, int ForwardsInTrainingMode, int ForwardsWithGradients, TensorData Logits);

/// <summary>
/// 10.3: 0/1 predictions [N, L] of a trained model for a batch, with <c>eval()</c>, <c>no_grad</c>, the sigmoid and
/// the library's rule "predicted when probability &gt;= its label's threshold"
/// (<c>Func&lt;nn.Module&lt;Tensor, Tensor&gt;, Tensor, float[], Tensor&gt;</c>).
/// </summary>
public sealed class ThresholdedPredictExercise : Exercise<Func<nn.Module<Tensor, Tensor>, Tensor, float[], Tensor>, PredictInput, PredictObservation>
{
    internal ThresholdedPredictExercise()
        : base(
            "10.3",
            "Predict with tuned thresholds",
            3,
            [
                "A model that comes out of training is still in training mode, and autograd still records. What do you switch, and what do the model's outputs mean before you compare them with thresholds that are probabilities?",
                "Switch the model to evaluation mode and run it inside a no_grad scope; turn logits into probabilities; compare [N, L] probabilities with a tensor of the L thresholds (broadcasting gives each column its own) using the library's rule: a probability equal to its threshold is a yes. Return Float32 0/1.",
            ],
            (model, images, thresholds) =>
            {
                model.eval();
                using var noGrad = torch.no_grad();
                var probabilities = torch.sigmoid(model.call(images));
                return probabilities.ge(torch.tensor(thresholds)).to(ScalarType.Float32);
            })
    {
    }

    /// <inheritdoc />
    protected override PredictInput Example => Make(new CaseRandom(10, "10.3-example"), 4, 3, [0.5f, 0.3f, 0.7f], zeroImages: 1);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, PredictInput Input)> Generate(CaseRandom random)
    {
        for (int k = 0; k < 2; k++)
        {
            int labels = random.Between(3, 10);
            yield return ("random images, a different threshold per label", Make(random, random.BetweenExcept(3, 12, labels), labels, Thresholds(random, labels), zeroImages: 0));
        }

        int tied = random.Between(3, 6);
        var atHalf = Thresholds(random, tied);
        atHalf[0] = 0.5f;
        atHalf[tied - 1] = 0.5f;
        yield return ("probabilities exactly at their thresholds", Make(random, random.Between(3, 8), tied, atHalf, zeroImages: 2));
        int extreme = random.Between(2, 6);
        yield return ("thresholds near 0 and 1", Make(random, random.Between(4, 10), extreme, [.. Enumerable.Range(0, extreme).Select(j => j % 2 == 0 ? 0.03f : 0.97f)], zeroImages: 0));
        yield return ("one image", Make(random, 1, random.Between(2, 6), null, zeroImages: 0));
    }

    /// <inheritdoc />
    protected override PredictObservation Run(Func<nn.Module<Tensor, Tensor>, Tensor, float[], Tensor> answer, PredictInput input)
    {
        using var model = new ProbeClassifier(input.Weight.ToTensor(), input.Bias.ToTensor());
        var images = input.Images.ToTensor();
        model.train(); // as training leaves it
        var result = answer(model, images, [.. input.Thresholds]) ?? throw new ImproperAnswerException("Predict returned null: return a tensor.");
        var calls = model.Calls.ToList();
        model.eval();
        Tensor logits;
        using (no_grad())
        {
            logits = model.call(images);
        }

        return new PredictObservation(TensorData.From(result), result.requires_grad, calls.Count, calls.Count(c => c.Training), calls.Count(c => c.Gradients), TensorData.From(logits));
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<PredictInput> testCase, PredictObservation learner, PredictObservation reference)
    {
        if (learner.Forwards == 0)
        {
            return "Your function never called the model: run it on the images.";
        }

        if (learner.ForwardsInTrainingMode > 0)
        {
            return "The model ran in training mode, so dropout zeroed some of its outputs at random: call model.eval() before predicting.";
        }

        if (learner.ForwardsWithGradients > 0 || learner.RequiresGrad)
        {
            return "The forward pass ran with gradients enabled: predict inside using (torch.no_grad()), so autograd keeps no graph (memory and time you do not need at test time).";
        }

        var (mine, theirs) = (learner.Result, reference.Result);
        if (!mine.Shape.SequenceEqual(theirs.Shape))
        {
            return $"Your predictions have shape {mine.ShapeText}: they need one row per image and one column per label, like the targets.";
        }

        if (Judging.Dtype(mine, theirs, "Your predictions") is { } dtype)
        {
            return dtype + " Return Float32 0/1 values, like the targets the metrics compare them with.";
        }

        if (Judging.AllClose(mine.Values, theirs.Values, 0, 0))
        {
            return null;
        }

        var thresholds = testCase.Input.Thresholds;
        int labels = thresholds.Length;
        var logits = reference.Logits.Values;
        var probabilities = logits.Select(z => (double)(float)(1 / (1 + Math.Exp(-z)))).ToArray();
        bool Matches(Func<int, bool> predicted) => Enumerable.Range(0, mine.Count).All(k => mine.Values[k] == (predicted(k) ? 1 : 0));
        if (Matches(k => logits[k] >= thresholds[k % labels]))
        {
            return "You compared the raw logits with the thresholds: the thresholds are probabilities. Apply the sigmoid first.";
        }

        if (Matches(k => probabilities[k] > thresholds[k % labels]))
        {
            return "A probability exactly equal to its label's threshold came out 'no': the library's rule (the one the thresholds were tuned with) is probability >= threshold.";
        }

        if (Matches(k => probabilities[k] >= 0.5) || Matches(k => probabilities[k] >= thresholds[0]) || Matches(k => probabilities[k] > 0.5))
        {
            return "You used one threshold for every label: label j has its own, thresholds[j] (compare each column with its threshold).";
        }

        int first = Enumerable.Range(0, mine.Count).First(k => mine.Values[k] != theirs.Values[k]);
        return $"Your prediction at {Judging.IndexText(first, mine.Shape)} is not right: a label is predicted (1) when its probability reaches its threshold, else 0.";
    }

    private static float[] Thresholds(CaseRandom random, int labels) => [.. Enumerable.Range(0, labels).Select(j => (float)Math.Round(random.Uniform(0.15, 0.85), 2))];

    private static PredictInput Make(CaseRandom random, int images, int labels, float[]? thresholds, int zeroImages)
    {
        const int Side = 3;
        int features = Side * Side;
        var pixels = new List<float>();
        for (int i = 0; i < images; i++)
        {
            pixels.AddRange(i < zeroImages ? new float[features] : random.Floats(features, 0, 1));
        }

        var weight = random.NormalFloats(labels * features, 1.5);
        var bias = zeroImages > 0 ? new float[labels] : random.NormalFloats(labels, 0.5);
        return new PredictInput(
            TensorData.OfFloats([labels, features], weight), TensorData.OfFloats([labels], bias),
            TensorData.OfFloats([images, 1, Side, Side], pixels), thresholds ?? Thresholds(random, labels));
    }

    /// <summary>flatten, linear, dropout(0.5): records the mode and autograd state of every forward pass.</summary>
    private sealed class ProbeClassifier : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear;
        private readonly TorchSharp.Modules.Dropout dropout;

        public ProbeClassifier(Tensor weight, Tensor bias)
            : base("PredictProbe")
        {
            linear = nn.Linear(weight.shape[1], weight.shape[0]);
            dropout = nn.Dropout(0.5);
            using (no_grad())
            {
                linear.weight!.copy_(weight);
                linear.bias!.copy_(bias);
            }

            RegisterComponents();
        }

        public List<(bool Training, bool Gradients)> Calls { get; } = [];

        public override Tensor forward(Tensor input)
        {
            Calls.Add((training, is_grad_enabled()));
            return dropout.call(linear.call(input.flatten(1)));
        }
    }
}
