using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 02.1: decoded pixels, row by row, each pixel's R, G and B (values in [0, 1]).</summary>
/// <param name="Hwc">Height x width x 3 values.</param>
/// <param name="Height">Image height.</param>
/// <param name="Width">Image width.</param>
public sealed record PixelsInput(float[] Hwc, int Height, int Width);

/// <summary>02.1: HWC pixels to a [3, H, W] tensor (<c>Func&lt;float[], int, int, Tensor&gt;</c>).</summary>
public sealed class ToChwExercise : Exercise<Func<float[], int, int, Tensor>, PixelsInput, TensorObservation>
{
    internal ToChwExercise()
        : base(
            "02.1",
            "From decoded pixels (H, W, RGB) to a [3, H, W] tensor",
            2,
            [
                "In the array the three colours of one pixel are neighbours, and pixels follow each other row by row. What shape describes that order?",
                "Give the array that shape first (a reshape only reinterprets the order, it cannot move values), then reorder the dimensions so that the channel comes first.",
            ],
            (hwc, height, width) => torch.tensor(hwc, new long[] { height, width, 3 }).permute(2, 0, 1))
    {
    }

    /// <inheritdoc />
    protected override PixelsInput Example => new([0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f, 0.0f, 0.5f, 0.25f, 0.75f, 0.05f, 0.95f, 0.15f, 0.35f], 2, 3);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, PixelsInput Input)> Generate(CaseRandom random)
    {
        PixelsInput Image(int height, int width) => new(random.Floats(3 * height * width, 0, 1), height, width);
        int h = random.Between(2, 9);
        yield return ("a random image, height and width differ", Image(h, random.BetweenExcept(2, 9, h)));
        yield return ("a square image", Image(h, h));
        yield return ("an image one pixel high", Image(1, random.Between(2, 6)));
        yield return ("an image one pixel wide", Image(random.Between(2, 6), 1));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<float[], int, int, Tensor> answer, PixelsInput input) =>
        Lesson02.Observe(answer([.. input.Hwc], input.Height, input.Width), "ToChw");

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<PixelsInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        var (height, width) = (testCase.Input.Height, testCase.Input.Width);
        if (!mine.Shape.SequenceEqual(theirs.Shape))
        {
            return mine.Shape.SequenceEqual(new long[] { 3, width, height })
                ? $"Your tensor has shape {mine.ShapeText}: height and width are swapped (the first index of an image is its row)."
                : mine.Shape.SequenceEqual(new long[] { height, width, 3 })
                    ? $"Your tensor has shape {mine.ShapeText}: the colour channel must come first, [3, H, W]."
                    : $"Your tensor has shape {mine.ShapeText}, which is not [3, H, W].";
        }

        if (Judging.Dtype(mine, theirs, "Your tensor") is { } dtype)
        {
            return dtype + " Pixels are Float32.";
        }

        if (Judging.AllClose(mine.Values, testCase.Input.Hwc.Select(v => (double)v).ToArray()) && height * width > 1)
        {
            return "Your values are still in the array's order: a reshape straight to [3, H, W] reads R, G, B of the first pixel as three pixels of the red plane. Give the array its own shape first, then move the channel.";
        }

        if (height == width && height > 1)
        {
            // out[c, a, b] = pixel (row b, column a): rows and columns exchanged.
            int plane = height * width;
            double[] transposed = [.. Enumerable.Range(0, mine.Count).Select(k => (double)testCase.Input.Hwc[(3 * ((k % plane % width * width) + (k % plane / width))) + (k / plane)])];
            if (Judging.AllClose(mine.Values, transposed))
            {
                return "Height and width are swapped: the first index of an image is its row (y), the second its column (x).";
            }
        }

        return Judging.Values(mine, theirs, "Your tensor");
    }
}
