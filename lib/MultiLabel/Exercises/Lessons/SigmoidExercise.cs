using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of an exercise on logits.</summary>
/// <param name="Logits">The logits, Float32.</param>
public sealed record LogitsInput(TensorData Logits);

/// <summary>03.1: the sigmoid, element by element, without torch.sigmoid (<c>Func&lt;Tensor, Tensor&gt;</c>).</summary>
public sealed class SigmoidExercise : Exercise<Func<Tensor, Tensor>, LogitsInput, TensorObservation>
{
    internal SigmoidExercise()
        : base(
            "03.1",
            "Sigmoid by hand, right for every logit",
            1,
            [
                "The sigmoid is 1 / (1 + e^(-z)), applied to every element; tensor arithmetic works element by element.",
                "torch.exp computes e^t for every element. In float32, e^t overflows to infinity above t = 88.7: check what your formula does for z = 100 and for z = -100 (infinity / infinity is NaN).",
            ],
            z => 1 / (1 + torch.exp(-z)))
    {
    }

    /// <inheritdoc />
    protected override LogitsInput Example => new(TensorData.OfFloats([25], Enumerable.Range(0, 25).Select(i => i - 12f)));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LogitsInput Input)> Generate(CaseRandom random)
    {
        var (logits, _) = Lesson03.RandomLogits(random, 4);
        yield return ("random logits of shape [N, L]", new(logits));
        yield return ("very large logits, |z| up to 100", new(TensorData.OfFloats([Lesson03.LargeLogits.Length], Lesson03.LargeLogits)));
        yield return ("a single logit", new(TensorData.OfFloats([1], [(float)random.Normal(2)])));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor> answer, LogitsInput input)
    {
        using var z = input.Logits.ToTensor();
        return Lesson02.Observe(answer(z), "Sigmoid");
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LogitsInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        if ((Judging.Shape(mine, theirs, "Your result", "the sigmoid works element by element and keeps the shape.") ?? Judging.Dtype(mine, theirs, "Your result")) is { } problem)
        {
            return problem;
        }

        if (Judging.AllClose(mine.Values, theirs.Values, 1e-5, 1e-6))
        {
            return null;
        }

        if (mine.Values.Any(double.IsNaN))
        {
            return "Your result holds NaN for large logits: e^z overflows float32 to infinity past z = 88.7, and infinity / infinity is NaN. Use a form that only ever exponentiates a non-positive number there.";
        }

        return Judging.AllClose(mine.Values, [.. theirs.Values.Select(v => 1 - v)], 1e-5, 1e-6)
            ? "Your function decreases: sigmoid(z) grows with z, from 0 (very negative z) to 1 (very positive z)."
            : Judging.Values(mine, theirs, "Your sigmoid", 1e-5, 1e-6);
    }
}
