using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 10.1: the classes of the MNIST digits drawn on one image, in the order they were placed.</summary>
/// <param name="Digits">Digit classes 0 to 9; a class may repeat, the list may be empty (a blank canvas).</param>
public sealed record DigitsInput(int[] Digits);

/// <summary>10.1: digits on an image to a Float32 multi-hot target of length 10 (<c>Func&lt;int[], Tensor&gt;</c>).</summary>
public sealed class DigitsTargetExercise : Exercise<Func<int[], Tensor>, DigitsInput, TensorObservation>
{
    /// <summary>The number of digit classes, and so of labels.</summary>
    public const int Classes = 10;

    internal DigitsTargetExercise()
        : base(
            "10.1",
            "Digits on an image to a multi-hot target",
            1,
            [
                "The question the model answers is not 'which digit is it?' but, for each of the ten classes, 'is this digit on the image?'. How long is the answer, whatever the number of digits drawn?",
                "Start from ten 'no's and turn the entry of every digit drawn into a 'yes'. Drawing a digit twice does not make it more present; BCE wants Float32 values of 0 or 1.",
            ],
            digits =>
            {
                var target = new float[10];
                foreach (var digit in digits)
                {
                    target[digit] = 1f;
                }

                return torch.tensor(target);
            })
    {
    }

    /// <inheritdoc />
    protected override DigitsInput Example => new([3, 7, 7]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, DigitsInput Input)> Generate(CaseRandom random)
    {
        for (int k = 0; k < 2; k++)
        {
            var digits = Enumerable.Range(0, random.Between(2, 4)).Select(_ => random.Between(0, 9)).ToList();
            digits.Add(digits[0]);
            yield return ("random digits with a repeat", new([.. digits]));
        }

        yield return ("one digit", new([random.Between(0, 9)]));
        var four = random.Permutation(Classes).Take(4).ToArray();
        yield return ("four different digits", new(four));
        yield return ("the digits 0 and 9 (the first and last entries)", new(random.Chance(0.5) ? [0, 9] : [9, 0]));
        int same = random.Between(1, 8);
        yield return ("the same digit three times", new([same, same, same]));
        yield return ("a blank canvas (no digit)", new([]));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<int[], Tensor> answer, DigitsInput input) =>
        new(TensorData.From(answer([.. input.Digits]) ?? throw new ImproperAnswerException("DigitsToTarget returned null: return a tensor.")));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<DigitsInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var (mine, digits) = (learner.Result, testCase.Input.Digits);
        if (mine.Shape.Length != 1 || mine.Shape[0] != Classes)
        {
            if (mine.Shape.Length == 1 && mine.Count == digits.Length && digits.Length > 0 && mine.Values.Select(v => (int)v).SequenceEqual(digits))
            {
                return "You returned the digits themselves (class indices, as a single-label classifier's targets): the target has one entry per digit class, 0 to 9, saying whether that digit is on the image.";
            }

            return mine.Shape.Length == 1
                ? $"Your target has {mine.Count} entries: it needs one per digit class (0 to 9), whatever the number of digits drawn."
                : $"Your target has shape {mine.ShapeText}: one image's target is a vector with one entry per digit class.";
        }

        if (Judging.Dtype(mine, reference.Result, "Your target") is { } dtype)
        {
            return dtype + " BCE compares targets with Float32 logits.";
        }

        if (mine.Values.Any(v => v > 1))
        {
            return "An entry is above 1: you counted the digits. A digit drawn twice is still just present, so every entry is 0 or 1.";
        }

        if (digits.Distinct().Count() > 1 && mine.Values.Sum() == 1 && mine.Values[digits[0]] == 1)
        {
            return "Only one entry is 1, the first digit's (a one-hot target): every digit on the image is a label that is present.";
        }

        return Judging.AllClose(mine.Values, reference.Result.Values, 0, 0)
            ? null
            : testCase.IsExample
                ? $"For the digits [{string.Join(", ", digits)}] your target is not right: 1 exactly at the classes drawn, 0 elsewhere."
                : "Your target is not right: 1 exactly at the classes drawn, 0 elsewhere.";
    }
}
