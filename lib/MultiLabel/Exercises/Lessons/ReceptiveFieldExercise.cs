namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 04.2: the kernel size and stride of each layer, first layer first.</summary>
/// <param name="Kernels">Kernel size of each layer.</param>
/// <param name="Strides">Stride of each layer.</param>
public sealed record LayerStackInput(int[] Kernels, int[] Strides);

/// <summary>04.2: how many input pixels (along one side) one output pixel of the last layer sees (<c>Func&lt;int[], int[], int&gt;</c>).</summary>
public sealed class ReceptiveFieldExercise : Exercise<Func<int[], int[], int>, LayerStackInput, IntegerObservation>
{
    internal ReceptiveFieldExercise()
        : base(
            "04.2",
            "The receptive field of a stack of layers",
            2,
            [
                "Start from one pixel of the last layer's output and walk back to the input: how much wider does each layer make the window it depends on?",
                "A layer with kernel k widens the window by k - 1 of its input's pixels; measured in image pixels, one of them is as wide as the product of the strides of all layers before it.",
            ],
            (kernels, strides) =>
            {
                int field = 1, jump = 1;
                for (int i = 0; i < kernels.Length; i++)
                {
                    field += (kernels[i] - 1) * jump;
                    jump *= strides[i];
                }

                return field;
            })
    {
    }

    /// <inheritdoc />
    protected override LayerStackInput Example => new([3, 3, 2, 3], [1, 1, 2, 1]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LayerStackInput Input)> Generate(CaseRandom random)
    {
        for (int i = 0; i < 3; i++)
        {
            int layers = random.Between(2, 7);
            yield return ("a random stack of convolutions and poolings", new(
                [.. Enumerable.Range(0, layers).Select(_ => random.Pick([1, 2, 3, 5, 7]))],
                [.. Enumerable.Range(0, layers).Select(_ => random.Pick([1, 1, 2, 3]))]));
        }

        yield return ("a single layer", new([random.Between(1, 9)], [random.Between(1, 3)]));
        int depth = random.Between(2, 6);
        yield return ("stride 1 everywhere", new([.. Enumerable.Repeat(3, depth)], [.. Enumerable.Repeat(1, depth)]));
        yield return ("a stride-2 pooling before each convolution", new([2, 3, 2, 3, 2, 3], [2, 1, 2, 1, 2, 1]));
    }

    /// <inheritdoc />
    protected override IntegerObservation Run(Func<int[], int[], int> answer, LayerStackInput input) =>
        new(answer([.. input.Kernels], [.. input.Strides]));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LayerStackInput> testCase, IntegerObservation learner, IntegerObservation reference)
    {
        if (learner.Value == reference.Value)
        {
            return null;
        }

        var (kernels, strides) = (testCase.Input.Kernels, testCase.Input.Strides);
        var call = testCase.IsExample ? "ReceptiveField([3, 3, 2, 3], [1, 1, 2, 1])" : "ReceptiveField";
        if (learner.Value == 1 + kernels.Sum(k => k - 1))
        {
            return $"{call} returned {learner.Value}: that ignores the strides. After a stride-2 layer, one step of the next kernel spans two input pixels.";
        }

        int late = 1, jump = 1;
        for (int i = 0; i < kernels.Length; i++)
        {
            jump *= strides[i];
            late += (kernels[i] - 1) * jump;
        }

        return learner.Value == late
            ? $"{call} returned {learner.Value}: a layer's own stride does not widen its own window, only those of the layers after it."
            : $"{call} returned {learner.Value}, which is not the number of input pixels (along one side) that one output pixel depends on.";
    }
}
