using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of an exercise on logits and their targets (same shape).</summary>
/// <param name="Logits">The logits, Float32.</param>
/// <param name="Targets">0/1 targets, Float32.</param>
public sealed record LogitsTargetsInput(TensorData Logits, TensorData Targets);

/// <summary>What a loss answer produced: its value and the gradient autograd finds through it.</summary>
/// <param name="Loss">The returned tensor.</param>
/// <param name="Gradient">d(loss)/d(logits) by autograd, or null when it could not be computed.</param>
/// <param name="GradientProblem">Why there is no gradient, or null.</param>
public sealed record LossObservation(TensorData Loss, TensorData? Gradient, string? GradientProblem);

/// <summary>03.2: mean binary cross-entropy on logits, stable for |z| up to 100 (<c>Func&lt;Tensor, Tensor, Tensor&gt;</c>).</summary>
public sealed class BceWithLogitsExercise : Exercise<Func<Tensor, Tensor, Tensor>, LogitsTargetsInput, LossObservation>
{
    internal BceWithLogitsExercise()
        : base(
            "03.2",
            "Binary cross-entropy on logits, by hand and stable",
            3,
            [
                "Start from the definition with p = sigmoid(z): -(y log p + (1 - y) log(1 - p)), averaged over all elements. It is right for moderate logits; find out where it breaks.",
                "Never take the log of a rounded probability: log sigmoid(z) = -log(1 + e^(-z)) and log(1 - sigmoid(z)) = -z - log(1 + e^(-z)). Combine them, then rewrite so that e is only raised to -|z| (log1p(x) computes log(1 + x) accurately).",
            ],
            (logits, targets) =>
            {
                var loss = logits.relu() - (logits * targets) + torch.log1p(torch.exp(-logits.abs()));
                return loss.mean();
            })
    {
    }

    /// <inheritdoc />
    protected override LogitsTargetsInput Example => new(
        TensorData.OfFloats([2, 4], [-3, -0.5f, 0, 0.5f, 2, 4, -1, 1.5f]),
        TensorData.OfFloats([2, 4], [0, 1, 1, 0, 1, 1, 0, 0]));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LogitsTargetsInput Input)> Generate(CaseRandom random)
    {
        var (logits, targets) = Lesson03.RandomLogits(random);
        yield return ("random logits of shape [N, L]", new(logits, targets));
        float[] large = [-100, -40, -17, 17, 40, 100];
        yield return ("confident mistakes, |z| from 17 to 100", new(
            TensorData.OfFloats([large.Length], large), TensorData.OfFloats([large.Length], large.Select(z => z < 0 ? 1f : 0f))));
        yield return ("confident right answers, |z| from 17 to 100", new(
            TensorData.OfFloats([large.Length], large), TensorData.OfFloats([large.Length], large.Select(z => z > 0 ? 1f : 0f))));
        var (mixed, _) = Lesson03.RandomLogits(random, 30);
        yield return ("large logits of both signs with random targets", new(mixed, TensorData.OfFloats(mixed.Shape, random.Targets(1, mixed.Count, 0.5)[0])));
        var (quiet, _) = Lesson03.RandomLogits(random, 1);
        yield return ("targets that are all 0", new(quiet, TensorData.OfFloats(quiet.Shape, new float[quiet.Count])));
    }

    /// <inheritdoc />
    protected override LossObservation Run(Func<Tensor, Tensor, Tensor> answer, LogitsTargetsInput input)
    {
        using var logits = input.Logits.ToTensor().requires_grad_(true);
        using var targets = input.Targets.ToTensor();
        var loss = answer(logits, targets) ?? throw new ImproperAnswerException("BceWithLogits returned null: return the loss, a tensor with one value.");
        var data = TensorData.From(loss);
        if (loss.numel() != 1 || !loss.requires_grad)
        {
            return new LossObservation(data, null, loss.numel() != 1 ? "not a single number" : "the loss does not depend on the logits through autograd");
        }

        try
        {
            loss.backward();
            return logits.grad is { } grad ? new LossObservation(data, TensorData.From(grad), null) : new LossObservation(data, null, "autograd found no gradient");
        }
#pragma warning disable CA1031 // backward through the learner's graph may fail in any way; the judge reports it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new LossObservation(data, null, AnswerError.From(ex).Message);
        }
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LogitsTargetsInput> testCase, LossObservation learner, LossObservation reference)
    {
        var (mine, theirs) = (learner.Loss, reference.Loss);
        if (mine.Count != 1)
        {
            return $"Your loss has shape {mine.ShapeText}: return the mean over all elements, a single number.";
        }

        double value = mine.Values[0], expected = theirs.Values[0];
        if (!Judging.Close(value, expected))
        {
            var logits = testCase.Input.Logits.Values;
            if (!double.IsFinite(value))
            {
                return $"Your loss is {Judging.Format(value)}: for large |z|, sigmoid(z) rounds to exactly 0 or 1 in float32, so log(0) is -infinity (and 0 x -infinity is NaN when the model is right). Never take the log of a rounded probability.";
            }

            if (Judging.Close(value, expected * logits.Length))
            {
                return "Your loss is the sum over the elements: take the mean.";
            }

            return logits.Any(z => Math.Abs(z) >= 17)
                ? $"Your loss is {Judging.Format(value)}: finite but not right for large logits. A clamp (on p, or on log p) caps the cost of a confident mistake; libtorch's binary_cross_entropy clamps the log at -100, so a logit of 40 costs 100 instead of 40."
                : $"Your loss is {Judging.Format(value)}, which is not right: the loss is -(y log p + (1 - y) log(1 - p)) with p = sigmoid(z), averaged over all elements.";
        }

        if (reference.Gradient is not { } expectedGradient)
        {
            return null;
        }

        if (learner.Gradient is not { } gradient)
        {
            return $"Your loss values are right, but autograd cannot differentiate them ({learner.GradientProblem}): compute the loss with tensor operations on the logits, so that a model can train through it.";
        }

        // At z = 0 exactly, |z| and relu have a kink: any subgradient there is fine.
        var logitsAt = testCase.Input.Logits.Values;
        var off = Enumerable.Range(0, gradient.Count).Where(i => logitsAt[i] != 0 && !Judging.Close(gradient.Values[i], expectedGradient.Values[i], 1e-3, 1e-6)).ToList();
        return off.Count == 0
            ? null
            : $"Your loss values are right but their gradient is not (autograd gives {Judging.Format(gradient.Values[off[0]])} at index {Judging.IndexText(off[0], gradient.Shape)}): autograd also differentiates what torch.where discards, and e^z overflows there.";
    }
}
