using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>The exercises of notebooks/02-tensors.ipynb.</summary>
public static class Lesson02
{
    /// <summary>02.3: turn lists of label indices into a [N, L] multi-hot target tensor.</summary>
    public static Exercise<Func<int[][], int, Tensor>> MultiHot { get; } = new(
        "02.3",
        "Multi-hot encode label lists",
        2,
        multiHot =>
        {
            int[][] lists = [[0, 2], [], [1, 2, 3], [3, 3]];
            var result = multiHot(lists, 4);
            using var expected = TorchSharp.torch.tensor(new float[] { 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1 }, [4, 4]);
            return Verify.NotNull(result, "MultiHot")
                ?? Verify.HasShape(result, [4, 4], "MultiHot(4 images, 4 labels)", "one row per image, one column per label.")
                ?? Verify.HasDtype(result, ScalarType.Float32, "The result", "targets are float32, like the logits the loss compares them with.")
                ?? RowCheck(result, expected);
        },
        [
            "Start from a tensor of zeros with one row per image and one column per label, then set the 1s.",
            "Filling a float[] of N*L values and calling torch.tensor(data, new long[] { N, L }) is the simplest way; entry (i, j) is data[i * L + j].",
            "Label j of image i sets data[i * numLabels + j] = 1f. Setting it twice is harmless: a label is present or not.",
        ],
        """
        var data = new float[labelLists.Length * numLabels];
        for (int i = 0; i < labelLists.Length; i++)
        {
            foreach (var label in labelLists[i])
            {
                data[(i * numLabels) + label] = 1f;
            }
        }

        return torch.tensor(data, new long[] { labelLists.Length, numLabels });
        """);

    /// <summary>02.2: the fraction of images that carry each label.</summary>
    public static Exercise<Func<Tensor, Tensor>> LabelFrequency { get; } = new(
        "02.2",
        "Label frequency: the fraction of images with each label",
        1,
        frequency =>
        {
            using var targets = TorchSharp.torch.tensor(new float[] { 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0 }, [5, 3]);
            var result = frequency(targets);
            if (result is not null && result.dtype == ScalarType.Byte)
            {
                return "The result is a Byte tensor: did you write sum(0)? A literal 0 picks sum(ScalarType); write sum(dim: 0).";
            }

            if (result is not null && result.shape.SequenceEqual(new long[] { 5 }))
            {
                return "The result has one value per image: you reduced over the labels (dim 1) instead of over the images (dim 0).";
            }

            using var expected = targets.mean([0]);
            return Verify.NotNull(result, "LabelFrequency")
                ?? Verify.HasShape(result!, [3], "LabelFrequency of 5 images x 3 labels", "one value per label.")
                ?? Verify.Close(result!, expected, "The frequency");
        },
        [
            "The frequency of a label is (images that carry it) / (number of images): a reduction over the image dimension.",
            "Images are dimension 0 of targets [N, L]. Beware t.sum(0): a literal 0 converts to a ScalarType.",
            "targets.sum(dim: 0) / targets.shape[0], or targets.mean(new long[] { 0 }).",
        ],
        "return targets.sum(dim: 0) / targets.shape[0];");

    /// <summary>02.1: subtract each channel's mean from a batch of images (broadcasting).</summary>
    public static Exercise<Func<Tensor, Tensor>> CenterChannels { get; } = new(
        "02.1",
        "Subtract each colour channel's mean (broadcasting)",
        2,
        center =>
        {
            using var generator = new TorchSharp.torch.Generator(7);
            using var images = TorchSharp.torch.rand([4, 3, 5, 6], generator: generator) + TorchSharp.torch.tensor(new float[] { 0, 1, 2 }).reshape(1, 3, 1, 1);
            var result = center(images);
            if ((Verify.NotNull(result, "CenterChannels") ?? Verify.HasShape(result, [4, 3, 5, 6], "The result", "it must keep the shape of the images [B, 3, H, W].")) is { } shapeProblem)
            {
                return shapeProblem;
            }

            using var channelMeans = result.mean([0, 2, 3]);
            using var zeros = TorchSharp.torch.zeros(3);
            if (Verify.Close(channelMeans, zeros, "The mean of each channel of your result", 1e-4) is { } meanProblem)
            {
                return meanProblem + " After centring, every channel's mean over the batch and the pixels must be 0.";
            }

            // images - result must be one constant per channel: no spread around its per-channel mean.
            using var difference = images - result;
            using var spread = (difference - difference.mean([0, 2, 3], keepdim: true)).abs().max();
            return spread.item<float>() > 1e-4
                ? "Your result does not differ from the images by one constant per channel: compute one mean per channel over dims 0, 2 and 3, and subtract it everywhere."
                : null;
        },
        [
            "One mean per channel: reduce over the batch (dim 0), height (dim 2) and width (dim 3), keeping dim 1.",
            "keepdim: true keeps the reduced dimensions with size 1, so the means have shape [1, 3, 1, 1] and broadcast against [B, 3, H, W].",
            "images - images.mean(new long[] { 0, 2, 3 }, keepdim: true)",
        ],
        "return images - images.mean(new long[] { 0, 2, 3 }, keepdim: true);");

    private static string? RowCheck(Tensor result, Tensor expected)
    {
        string[] why = ["(labels 0 and 2)", "(an image with no labels)", "(labels 1, 2 and 3)", "(label 3 listed twice)"];
        for (int row = 0; row < 4; row++)
        {
            using var actualRow = result[row];
            using var expectedRow = expected[row];
            if (!actualRow.allclose(expectedRow))
            {
                return $"Row {row} {why[row]} is not right: a row has 1 exactly in the columns of the listed labels and 0 elsewhere.";
            }
        }

        return null;
    }
}
