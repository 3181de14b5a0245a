namespace MultiLabel.Exercises;

/// <summary>The warm-up exercise of notebooks/00-setup.ipynb: how checking, hints and solutions work.</summary>
public static class Lesson00
{
    /// <summary>00.1: count the labels present in one multi-hot target vector.</summary>
    public static Exercise<Func<float[], int>> CountLabels { get; } = new(
        "00.1",
        "Count the labels in a multi-hot target",
        1,
        count =>
        {
            if (count([1, 0, 1, 0, 0, 1]) is var three && three != 3)
            {
                return $"CountLabels([1, 0, 1, 0, 0, 1]) returned {three}: count the entries that are 1.";
            }

            if (count([0, 0, 0, 0]) is var none && none != 0)
            {
                return $"CountLabels([0, 0, 0, 0]) returned {none}: an image may carry no label at all.";
            }

            return count([1, 1, 1, 1, 1, 1]) is var all && all != 6
                ? $"CountLabels of a target with every label present returned {all}: every entry counts."
                : null;
        },
        [
            "A multi-hot target has one entry per label: 1 when the label is present, 0 when not.",
            "Loop over the entries and count those equal to 1, or use LINQ's Count(predicate).",
            "return target.Count(v => v == 1f);",
        ],
        "return target.Count(v => v == 1f);");
}
