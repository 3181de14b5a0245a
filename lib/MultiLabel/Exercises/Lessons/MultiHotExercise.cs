using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 02.4: the label indices of each image and the number of labels.</summary>
/// <param name="Lists">Lists[i] holds the label indices of image i (possibly none, possibly repeated).</param>
/// <param name="NumLabels">The number of labels L.</param>
public sealed record LabelListsInput(int[][] Lists, int NumLabels);

/// <summary>02.4: label index lists to a [N, L] Float32 multi-hot tensor (<c>Func&lt;int[][], int, Tensor&gt;</c>).</summary>
public sealed class MultiHotExercise : Exercise<Func<int[][], int, Tensor>, LabelListsInput, TensorObservation>
{
    internal MultiHotExercise()
        : base(
            "02.4",
            "Multi-hot encode label lists",
            2,
            [
                "The result has one row per image and one column per label; start from the value that means 'absent' everywhere.",
                "Fill a float[] of N * L values (entry (i, j) of a row-major matrix sits at i * L + j), then turn it into a tensor of that shape. A label listed twice is still just present.",
            ],
            (labelLists, numLabels) =>
            {
                var data = new float[labelLists.Length * numLabels];
                for (int i = 0; i < labelLists.Length; i++)
                {
                    foreach (var label in labelLists[i])
                    {
                        data[(i * numLabels) + label] = 1f;
                    }
                }

                return torch.tensor(data, new long[] { labelLists.Length, numLabels });
            })
    {
    }

    /// <inheritdoc />
    protected override LabelListsInput Example => new([[0, 2], [], [1, 2, 3], [3, 3]], 4);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LabelListsInput Input)> Generate(CaseRandom random)
    {
        for (int k = 0; k < 2; k++)
        {
            int labels = random.Between(2, 8);
            int images = random.BetweenExcept(2, 12, labels);
            yield return ("random lists with empty ones and repeats, as many images as labels differ", new(Lists(random, images, labels, labels), labels));
        }

        int absentLabels = random.Between(3, 7);
        yield return ("a label that no image lists", new(Lists(random, random.Between(2, 6), absentLabels, absentLabels - 1), absentLabels));
        int all = random.Between(2, 6);
        yield return ("one image with every label", new([[.. Enumerable.Range(0, all)]], all));
        yield return ("images without any label", new([[], [], []], random.Between(2, 5)));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<int[][], int, Tensor> answer, LabelListsInput input) =>
        Lesson02.Observe(answer([.. input.Lists.Select(l => l.ToArray())], input.NumLabels), "MultiHot");

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LabelListsInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        long images = testCase.Input.Lists.Length, labels = testCase.Input.NumLabels;
        if (!mine.Shape.SequenceEqual(theirs.Shape))
        {
            return images != labels && mine.Shape.SequenceEqual(new[] { labels, images })
                ? $"Your tensor has shape {mine.ShapeText}: rows are labels and columns images. The target matrix has one row per image, one column per label."
                : $"Your tensor has shape {mine.ShapeText}, which is not [images, labels].";
        }

        if (Judging.Dtype(mine, theirs, "Your tensor") is { } dtype)
        {
            return dtype + " Targets are Float32, like the logits the loss compares them with.";
        }

        if (images == labels && images > 1 && Judging.AllClose(mine.Values, [.. Enumerable.Range(0, mine.Count).Select(k => theirs.Values[(k % labels * labels) + (k / labels)])], 0, 0)
            && !Judging.AllClose(mine.Values, theirs.Values, 0, 0))
        {
            return "Your matrix is transposed: rows are labels and columns images. The target matrix has one row per image, one column per label.";
        }

        if (mine.Values.Any(v => v > 1))
        {
            return "An entry is above 1: a label listed twice is still just present, so every entry is 0 or 1.";
        }

        for (int row = 0; row < images; row++)
        {
            var span = Enumerable.Range((int)(row * labels), (int)labels);
            if (span.Any(k => mine.Values[k] != theirs.Values[k]))
            {
                return testCase.IsExample
                    ? $"Row {row} (labels [{string.Join(", ", testCase.Input.Lists[row])}]) is not right: a row has 1 exactly in the columns of its listed labels, 0 elsewhere."
                    : $"Row {row} is not right: a row has 1 exactly in the columns of its listed labels, 0 elsewhere.";
            }
        }

        return null;
    }

    private static int[][] Lists(CaseRandom random, int images, int labels, int usable) =>
        [.. Enumerable.Range(0, images).Select(i => i == 0
            ? Array.Empty<int>()
            : Enumerable.Range(0, random.Between(0, 4)).Select(_ => random.Between(0, usable - 1)).ToArray())];
}
