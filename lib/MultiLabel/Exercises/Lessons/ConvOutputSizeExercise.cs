namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 04.1: one side of the input and the layer's settings.</summary>
/// <param name="Size">Input height (or width).</param>
/// <param name="Kernel">Kernel size.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Padding on each side.</param>
public sealed record ConvShapeInput(int Size, int Kernel, int Stride, int Padding);

/// <summary>04.1: the output size of a convolution along one side (<c>Func&lt;int, int, int, int, int&gt;</c>).</summary>
public sealed class ConvOutputSizeExercise : Exercise<Func<int, int, int, int, int>, ConvShapeInput, IntegerObservation>
{
    internal ConvOutputSizeExercise()
        : base(
            "04.1",
            "The output size of a convolution",
            1,
            [
                "Count the positions the kernel can take: first pad the input, then slide the kernel from one edge to the other.",
                "Padding adds pixels on both sides. On the padded size, a kernel of size k has a first position and then one more every stride pixels, as long as it fits entirely: integer division rounds down exactly as a layer does.",
            ],
            (size, kernel, stride, padding) => ((size + (2 * padding) - kernel) / stride) + 1)
    {
    }

    /// <inheritdoc />
    protected override ConvShapeInput Example => new(32, 3, 2, 1);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ConvShapeInput Input)> Generate(CaseRandom random)
    {
        for (int i = 0; i < 3; i++)
        {
            int kernel = random.Between(1, 7), padding = random.Between(0, 3);
            yield return ("a random layer", new(random.Between(Math.Max(1, kernel - (2 * padding)), 64), kernel, random.Between(1, 4), padding));
        }

        int stride = random.Between(2, 4);
        int size = (random.Between(3, 10) * stride) + random.Between(1, stride - 1) + 2;
        yield return ("a stride that does not divide the padded size evenly", new(size, 3, stride, 0));
        int k = random.Between(3, 7);
        yield return ("a kernel as large as the padded input", new(k - 2, k, 1, 1));
        yield return ("a 1 x 1 kernel with no padding", new(random.Between(2, 40), 1, 1, 0));
    }

    /// <inheritdoc />
    protected override IntegerObservation Run(Func<int, int, int, int, int> answer, ConvShapeInput input) =>
        new(answer(input.Size, input.Kernel, input.Stride, input.Padding));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ConvShapeInput> testCase, IntegerObservation learner, IntegerObservation reference)
    {
        if (learner.Value == reference.Value)
        {
            return null;
        }

        var (s, k, st, p) = (testCase.Input.Size, testCase.Input.Kernel, testCase.Input.Stride, testCase.Input.Padding);
        var call = testCase.IsExample ? $"ConvOutputSize(size: {s}, kernel: {k}, stride: {st}, padding: {p})" : "ConvOutputSize";
        if (learner.Value == (int)Math.Ceiling((s + (2.0 * p) - k) / st) + 1 && learner.Value != reference.Value)
        {
            return $"{call} returned {learner.Value}, rounded up: the kernel must fit entirely, so the division rounds down.";
        }

        if (learner.Value == reference.Value - 1)
        {
            return $"{call} returned {learner.Value}, one position short: the kernel's first position counts too.";
        }

        return learner.Value == ((s + p - k) / st) + 1
            ? $"{call} returned {learner.Value}: padding adds pixels on both sides."
            : $"{call} returned {learner.Value}, but a real Conv2d gives another size: count the positions the kernel can take on the padded input, stepping by the stride.";
    }
}
