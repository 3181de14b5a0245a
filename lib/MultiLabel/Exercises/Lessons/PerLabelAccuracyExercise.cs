using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 10.2: 0/1 predictions and targets of N images and L labels.</summary>
/// <param name="Predictions">[N, L] Float32, 0 or 1.</param>
/// <param name="Targets">[N, L] Float32, 0 or 1.</param>
public sealed record PredictionsTargetsInput(TensorData Predictions, TensorData Targets);

/// <summary>10.2: the accuracy of each label over the images, a [L] Float32 tensor (<c>Func&lt;Tensor, Tensor, Tensor&gt;</c>).</summary>
public sealed class PerLabelAccuracyExercise : Exercise<Func<Tensor, Tensor, Tensor>, PredictionsTargetsInput, TensorObservation>
{
    internal PerLabelAccuracyExercise()
        : base(
            "10.2",
            "Accuracy per label",
            2,
            [
                "Each label is its own yes/no classifier, judged on every image. Which axis of the [images, labels] matrix holds one classifier's decisions?",
                "Mark each cell right or wrong by comparing the two matrices, turn that into 0.0/1.0, and average along the images, keeping one value per label. Remember the sum(0)/mean(0) trap from lesson 02: name the dimension.",
            ],
            (predictions, targets) => predictions.eq(targets).to(ScalarType.Float32).mean(new long[] { 0 }))
    {
    }

    /// <inheritdoc />
    protected override PredictionsTargetsInput Example => Input(
        [[1, 0, 0], [0, 1, 0], [1, 1, 1], [0, 0, 0], [1, 0, 1]],
        [[1, 0, 1], [0, 1, 0], [1, 0, 1], [0, 0, 0], [1, 0, 0]]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, PredictionsTargetsInput Input)> Generate(CaseRandom random)
    {
        for (int k = 0; k < 2; k++)
        {
            int labels = random.Between(3, 10);
            int images = random.BetweenExcept(4, 20, labels);
            var targets = random.Targets(images, labels);
            yield return ("random predictions, as many images as labels differ", Input(Lesson10.Noisy(random, targets, 0.2), targets));
        }

        int n = random.Between(4, 9);
        var square = random.Targets(n, n);
        yield return ("as many images as labels", Input(Lesson10.Noisy(random, square, 0.3), square));
        var rare = random.Targets(random.Between(8, 16), random.Between(3, 6), 0.08);
        yield return ("rare labels and a model that always says no", Input([.. rare.Select(r => new float[r.Length])], rare));
        var perfect = random.Targets(random.Between(3, 8), random.Between(2, 5));
        yield return ("perfect predictions", Input(perfect, perfect));
    }

    /// <inheritdoc />
    protected override TensorObservation Run(Func<Tensor, Tensor, Tensor> answer, PredictionsTargetsInput input) =>
        new(TensorData.From(answer(input.Predictions.ToTensor(), input.Targets.ToTensor()) ?? throw new ImproperAnswerException("PerLabelAccuracy returned null: return a tensor.")));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<PredictionsTargetsInput> testCase, TensorObservation learner, TensorObservation reference)
    {
        var mine = learner.Result;
        var (p, t) = (testCase.Input.Predictions, testCase.Input.Targets);
        int images = (int)p.Shape[0], labels = (int)p.Shape[1];
        var right = p.Values.Zip(t.Values, (a, b) => a == b ? 1.0 : 0.0).ToArray();
        double hamming = right.Average();
        double exact = Enumerable.Range(0, images).Count(i => Enumerable.Range(0, labels).All(j => right[(i * labels) + j] == 1)) / (double)images;
        var perImage = Enumerable.Range(0, images).Select(i => Enumerable.Range(0, labels).Average(j => right[(i * labels) + j])).ToArray();
        var exactRows = Enumerable.Range(0, images).Select(i => Enumerable.Range(0, labels).All(j => right[(i * labels) + j] == 1) ? 1.0 : 0.0).ToArray();

        if (mine.Count == 1)
        {
            if (mine.Dtype == nameof(ScalarType.Byte))
            {
                return "You got one Byte number: that is the sum(0) trap (a constant 0 picks sum(ScalarType), which adds up everything as bytes). Name the dimension: sum(dim: 0) or mean(new long[] { 0 }).";
            }

            if (Judging.Close(mine.Values[0], exact))
            {
                return "Your number is the share of images whose whole row is right (exact match): that is a per-sample score, far stricter than accuracy and not per label. Return one accuracy per label.";
            }

            return Judging.Close(mine.Values[0], hamming)
                ? "Your number is the accuracy over all (image, label) cells, the Hamming accuracy: it mixes the labels. Return one accuracy per label (their mean is that number)."
                : $"You returned one number; return one accuracy per label, a tensor of shape [{labels}].";
        }

        if (mine.Shape.Length == 1 && mine.Count == images && images != labels)
        {
            return mine.Values.Select((v, i) => Judging.Close(v, exactRows[i])).All(x => x)
                ? "You returned, per image, whether its whole row is right (exact match per sample): accuracy per label averages each label's column over the images."
                : "You averaged along the labels, giving one value per image: accuracy per label averages each label's column over the images.";
        }

        if (mine.Shape.Length != 1 || mine.Count != labels)
        {
            return $"Your result has shape {mine.ShapeText}; return one accuracy per label, a tensor of shape [{labels}].";
        }

        if (images == labels && Judging.AllClose(mine.Values, perImage) && !Judging.AllClose(mine.Values, reference.Result.Values))
        {
            return "You averaged along the labels, giving one value per image: accuracy per label averages each label's column over the images.";
        }

        if (Judging.Dtype(mine, reference.Result, "Your result") is { } dtype)
        {
            return dtype + (mine.Dtype == nameof(ScalarType.Byte) || mine.Dtype == nameof(ScalarType.Int64) ? " (Counting with sum(0) casts to bytes; a Boolean comparison needs .to(ScalarType.Float32) before the mean.)" : "");
        }

        if (Judging.AllClose(mine.Values, reference.Result.Values))
        {
            return null;
        }

        if (Judging.Scaled(mine.Values, reference.Result.Values, images))
        {
            return "You counted the right decisions of each label: divide by the number of images.";
        }

        var recall = Enumerable.Range(0, labels).Select(j =>
        {
            int positives = Enumerable.Range(0, images).Count(i => t.Values[(i * labels) + j] == 1);
            return positives == 0 ? double.NaN : Enumerable.Range(0, images).Count(i => t.Values[(i * labels) + j] == 1 && p.Values[(i * labels) + j] == 1) / (double)positives;
        }).ToArray();
        if (Enumerable.Range(0, labels).All(j => double.IsNaN(recall[j]) || Judging.Close(mine.Values[j], recall[j])) && recall.Any(r => !double.IsNaN(r)))
        {
            return "You counted only the images where the label is present (that is recall): a right 'no' is a right decision too.";
        }

        int column = Enumerable.Range(0, labels).First(j => !Judging.Close(mine.Values[j], reference.Result.Values[j]));
        return $"Label {column}'s accuracy is {Judging.Format(mine.Values[column])}, which is not the share of images on which that label's decision is right.";
    }

    private static PredictionsTargetsInput Input(float[][] predictions, float[][] targets) => new(Lesson10.Matrix(predictions), Lesson10.Matrix(targets));
}
