using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>03.3: d(mean BCE)/d(logits), by hand (<c>Func&lt;Tensor, Tensor, Tensor&gt;</c>).</summary>
public sealed class BceGradientExercise : Exercise<Func<Tensor, Tensor, Tensor>, LogitsTargetsInput, TensorObservation>
{
    internal BceGradientExercise()
        : base(
            "03.3",
            "The gradient of BCE with respect to the logits",
            2,
            [
                "Use the chain rule for one element: dL/dz = dL/dp * dp/dz with p = sigmoid(z).",
                "dsigmoid/dz = p(1 - p); d/dp of -(y log p + (1 - y) log(1 - p)) is a fraction with p(1 - p) below. Multiply them: most of it cancels. Then remember that the loss is a mean: what does averaging do to each element's gradient?",
            ],
            (logits, targets) => (torch.sigmoid(logits) - targets) / logits.numel())
    {
    }

    /// <inheritdoc />
    protected override LogitsTargetsInput Example => new(
        TensorData.OfFloats([2, 3], [-2, -0.5f, 0, 0.5f, 1, 3]),
        TensorData.OfFloats([2, 3], [0, 1, 1, 0, 1, 0]));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LogitsTargetsInput Input)> Generate(CaseRandom random)
    {
        var (logits, targets) = Lesson03.RandomLogits(random);
        yield return ("random logits of shape [N, L], N and L differ", new(logits, targets));
        float[] large = [-100, -40, 40, 100];
        yield return ("very large logits, |z| up to 100", new(TensorData.OfFloats([2, 2], large), TensorData.OfFloats([2, 2], [1, 0, 1, 0])));
        var (row, _) = Lesson03.RandomLogits(random);
        yield return ("a vector of logits with every target 1", new(row with { Shape = [row.Count] }, TensorData.OfFloats([row.Count], Enumerable.Repeat(1f, row.Count))));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor, Tensor> answer, LogitsTargetsInput input)
    {
        using var logits = input.Logits.ToTensor();
        using var targets = input.Targets.ToTensor();
        return Lesson02.Observe(answer(logits, targets), "BceGradient");
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LogitsTargetsInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        if ((Judging.Shape(mine, theirs, "Your gradient", "there is one value per logit.") ?? Judging.Dtype(mine, theirs, "Your gradient")) is { } problem)
        {
            return problem;
        }

        if (Judging.AllClose(mine.Values, theirs.Values, 1e-4, 1e-7))
        {
            return null;
        }

        long count = theirs.Count, first = theirs.Shape[0];
        if (Judging.Scaled(mine.Values, theirs.Values, count, 1e-4, 1e-7))
        {
            return $"The direction is right but the size is {count} times too large: the loss is a mean over all {(testCase.IsExample ? "N x L = 6" : "N x L")} elements.";
        }

        if (theirs.Shape.Length == 2 && Judging.Scaled(mine.Values, theirs.Values, count / (double)first, 1e-4, 1e-7))
        {
            return "You divided by the number of images only: the mean runs over every element, images times labels.";
        }

        return Judging.Scaled(mine.Values, theirs.Values, -1, 1e-4, 1e-7)
            ? "Your gradient points the wrong way: where the probability is above its target, raising the logit raises the loss."
            : Judging.Values(mine, theirs, "Your gradient", 1e-4, 1e-7) + " Compare with z.grad after loss.backward() on a small example.";
    }
}
