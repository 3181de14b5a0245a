using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 04.3: the head's sizes and the seed of its weights and of the features it is tried on.</summary>
/// <param name="InFeatures">Features per image.</param>
/// <param name="NumLabels">Labels.</param>
/// <param name="Seed">Seed of the weights and features.</param>
public sealed record HeadInput(int InFeatures, int NumLabels, int Seed);

/// <summary>What a head did on random features (its weights set from the case's seed).</summary>
/// <param name="OutputShape">The shape of its output for 64 images.</param>
/// <param name="Minimum">The smallest output.</param>
/// <param name="Maximum">The largest output.</param>
/// <param name="Linear">True when f(a + b) - f(b) = f(a) - f(0): nothing nonlinear between the layers.</param>
/// <param name="LinearLayers">How many Linear layers it holds.</param>
public sealed record HeadObservation(long[] OutputShape, double Minimum, double Maximum, bool Linear, int LinearLayers);

/// <summary>04.3: a head with a hidden layer whose outputs are logits (<c>Func&lt;int, int, nn.Module&lt;Tensor, Tensor&gt;&gt;</c>).</summary>
public sealed class HeadExercise : Exercise<Func<int, int, nn.Module<Tensor, Tensor>>, HeadInput, HeadObservation>
{
    private const int Images = 64;

    internal HeadExercise()
        : base(
            "04.3",
            "A multi-label head: a hidden layer, one logit per label",
            2,
            [
                "A head maps the features of each image to one number per label, through one hidden layer. What must sit between two Linear layers so that they are not just one Linear layer?",
                "nn.Sequential chains modules. Any activation works between the layers (ReLU, GELU, Tanh, ...). After the last layer comes nothing: logits can be any real number, and the loss applies the sigmoid itself.",
            ],
            (inFeatures, numLabels) => nn.Sequential(nn.Linear(inFeatures, 32), nn.ReLU(), nn.Linear(32, numLabels)))
    {
    }

    /// <inheritdoc />
    protected override HeadInput Example => new(16, 5, 1);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, HeadInput Input)> Generate(CaseRandom random)
    {
        yield return ("random sizes", new(random.Between(4, 64), random.Between(2, 20), random.Between(1, 1000)));
        yield return ("a single label", new(random.Between(4, 32), 1, random.Between(1, 1000)));
        yield return ("more labels than features", new(random.Between(3, 6), random.Between(8, 12), random.Between(1, 1000)));
    }

    /// <inheritdoc />
    protected override HeadObservation Run(Func<int, int, nn.Module<Tensor, Tensor>> answer, HeadInput input)
    {
        using var head = Lesson04.Returned(answer(input.InFeatures, input.NumLabels), "MakeHead");
        ModuleWeights.Fill(head, input.Seed);
        head.eval();
        var random = new CaseRandom(input.Seed, "04.3-features");
        using var a = Lesson04.Normal(random, [Images, input.InFeatures], 3).ToTensor();
        using var b = Lesson04.Normal(random, [Images, input.InFeatures], 3).ToTensor();
        using var noGrad = no_grad();
        var fa = head.call(a);
        var fb = head.call(b);
        var fab = head.call(a + b);
        var f0 = head.call(zeros_like(a));
        var nonlinearity = (fab - fb - fa + f0).abs().max().item<float>();
        var scale = fa.abs().max().item<float>() + fb.abs().max().item<float>() + 1e-6f;
        return new HeadObservation(fa.shape, fa.min().item<float>(), fa.max().item<float>(), nonlinearity < 1e-4 * scale, head.modules().Count(m => m is TorchSharp.Modules.Linear));
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<HeadInput> testCase, HeadObservation learner, HeadObservation reference)
    {
        if (!learner.OutputShape.SequenceEqual(reference.OutputShape))
        {
            return $"For {Images} images your head returns shape {TensorData.FormatShape(learner.OutputShape)}: one logit per image and label.";
        }

        if (learner.Minimum >= 0 && learner.Maximum <= 1)
        {
            return "Every output lies in [0, 1]: a sigmoid (or softmax) ends your head. Return logits; the loss applies the sigmoid itself.";
        }

        if (learner.Minimum > -0.5)
        {
            return "Your outputs are (almost) never negative: an activation after the last layer (a ReLU?) cuts them off. Logits must be able to say 'no' with negative values.";
        }

        if (learner.Linear)
        {
            return "Your head is linear: without an activation between them, two Linear layers compute what one Linear layer could.";
        }

        return learner.LinearLayers < 2
            ? "Your head has no hidden layer: Linear (to a hidden size), an activation, then Linear (to one logit per label)."
            : null;
    }
}
