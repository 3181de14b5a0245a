using System.Globalization;

namespace MultiLabel.Exercises;

/// <summary>The exercises of notebooks/01-what-is-multilabel.ipynb (plain arrays: tensors come in lesson 02).</summary>
public static class Lesson01
{
    private static readonly float[][] Sample =
    [
        [1, 0, 1],
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 1],
        [1, 0, 0],
    ];

    /// <summary>01.1: how many images carry a given label.</summary>
    public static Exercise<Func<float[][], int, int>> CountImagesWith { get; } = new(
        "01.1",
        "How many images carry a label",
        1,
        count =>
        {
            for (int label = 0; label < 3; label++)
            {
                int expected = Sample.Count(t => t[label] == 1f);
                int actual = count(Sample, label);
                if (actual != expected)
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"For label {label} of a 5-image sample you counted {actual}: count the images whose target has a 1 in column {label}.");
                }
            }

            return null;
        },
        [
            "targets[i] is the multi-hot target of image i; targets[i][label] is 1 when image i carries the label.",
            "Count the rows whose entry in column label is 1 (a loop, or LINQ's Count).",
            "return targets.Count(t => t[label] == 1f);",
        ],
        "return targets.Count(t => t[label] == 1f);");

    /// <summary>01.2: label cardinality, the mean number of labels per image.</summary>
    public static Exercise<Func<float[][], double>> MeanLabelsPerImage { get; } = new(
        "01.2",
        "Label cardinality: the mean number of labels per image",
        1,
        mean =>
        {
            double actual = mean(Sample);
            double expected = Sample.Average(t => (double)t.Sum());
            if (Math.Abs(actual - expected) < 1e-6)
            {
                return null;
            }

            double withoutEmpty = Sample.Where(t => t.Sum() > 0).Average(t => (double)t.Sum());
            return Math.Abs(actual - withoutEmpty) < 1e-6
                ? "You left out the image with no labels: it counts as an image with 0 labels."
                : string.Create(CultureInfo.InvariantCulture, $"For the 5-image sample you returned {actual:G4}: add up the labels of every image and divide by the number of images.");
        },
        [
            "The number of labels of one image is the sum of its multi-hot target.",
            "Average that number over all images, those with no label included.",
            "return targets.Average(t => t.Sum());",
        ],
        "return targets.Average(t => (double)t.Sum());");
}
