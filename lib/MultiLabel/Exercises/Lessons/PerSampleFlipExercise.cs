using System.Globalization;
using MultiLabel.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 05.2: a batch, the flip probability and the seed of each image's generator.</summary>
/// <param name="Images">The batch [B, C, H, W].</param>
/// <param name="P">The probability that an image is flipped.</param>
/// <param name="Seeds">Seeds[i] seeds <c>new Pcg32(Seeds[i])</c>, image i's generator.</param>
public sealed record FlipBatchInput(TensorData Images, double P, ulong[] Seeds);

/// <summary>What a flip did: the batch it returned and whether it changed its input.</summary>
/// <param name="Result">The returned batch.</param>
/// <param name="InputChanged">True when the input batch was modified in place.</param>
public sealed record FlipObservation(TensorData Result, bool InputChanged);

/// <summary>
/// 05.2: flip each image of a batch left to right with probability p, the decision drawn from that image's own
/// generator (<c>Func&lt;Tensor, double, Pcg32[], Tensor&gt;</c>).
/// </summary>
public sealed class PerSampleFlipExercise : Exercise<Func<Tensor, double, Pcg32[], Tensor>, FlipBatchInput, FlipObservation>
{
    private enum Kind
    {
        Same,
        Horizontal,
        Vertical,
        Other,
    }

    internal PerSampleFlipExercise()
        : base(
            "05.2",
            "A random flip decided per sample",
            2,
            [
                "Each image gets its own decision, and the decision for image i comes from generators[i] alone, drawn once. A left-right mirror reverses one dimension of a [C, H, W] image: which one?",
                "Loop over the images: generators[i].Bernoulli(p) (true with probability p) says whether image i is mirrored with flip over the width dimension; collect the images and torch.stack them back into a batch. Build a new batch rather than writing into the input.",
            ],
            (images, p, generators) =>
            {
                var result = new Tensor[images.shape[0]];
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = generators[i].Bernoulli(p) ? images[i].flip(-1) : images[i];
                }

                return torch.stack(result);
            })
    {
    }

    /// <inheritdoc />
    protected override FlipBatchInput Example => Make(new CaseRandom(5, "05.2-example"), 4, 3, 2, 3, 0.5);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, FlipBatchInput Input)> Generate(CaseRandom random)
    {
        yield return ("a batch of RGB images with p = 0.5", Make(random, random.Between(6, 10), 3, random.Between(3, 6), random.Between(3, 7), 0.5));
        yield return ("p = 0: no image may flip", Make(random, random.Between(4, 8), 3, random.Between(2, 5), random.Between(3, 6), 0));
        yield return ("p = 1: every image flips", Make(random, random.Between(4, 8), 3, random.Between(2, 5), random.Between(3, 6), 1));
        yield return ("a grey batch with p = 0.3", Make(random, random.Between(8, 12), 1, random.Between(3, 5), random.Between(2, 5), 0.3));
        yield return ("a batch of one image", Make(random, 1, 3, random.Between(2, 4), random.Between(3, 5), 0.7));
    }

    /// <inheritdoc />
    protected override FlipObservation Run(Func<Tensor, double, Pcg32[], Tensor> answer, FlipBatchInput input)
    {
        var images = input.Images.ToTensor();
        var before = images.clone();
        var result = answer(images, input.P, [.. input.Seeds.Select(s => new Pcg32(s))])
            ?? throw new ImproperAnswerException("FlipEach returned null: return the batch.");
        return new FlipObservation(TensorData.From(result), !images.equal(before).all().item<bool>());
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<FlipBatchInput> testCase, FlipObservation learner, FlipObservation reference)
    {
        var (mine, theirs) = (learner.Result, reference.Result);
        if ((Judging.Shape(mine, theirs, "Your batch", "flipping keeps the shape of the batch [B, C, H, W].") ?? Judging.Dtype(mine, theirs, "Your batch")) is { } problem)
        {
            return problem;
        }

        if (learner.InputChanged)
        {
            return "Your function changed the batch it was given: the loader (and the next epoch) still needs the original images. Return new tensors instead of writing into the input.";
        }

        var input = testCase.Input;
        bool[] expected = [.. input.Seeds.Select(s => new Pcg32(s).Bernoulli(input.P))];
        var kinds = Enumerable.Range(0, expected.Length).Select(i => Classify(input.Images, mine, i)).ToArray();
        if (kinds.Contains(Kind.Vertical))
        {
            int k = Array.IndexOf(kinds, Kind.Vertical);
            return $"Image {k} of your batch is mirrored top to bottom. A horizontal flip mirrors left and right: it reverses the width, the last dimension.";
        }

        if (kinds.Contains(Kind.Other))
        {
            return $"Image {Array.IndexOf(kinds, Kind.Other)} of your batch is neither the original image nor its mirror image.";
        }

        bool[] flipped = [.. kinds.Select(k => k == Kind.Horizontal)];
        if (flipped.SequenceEqual(expected))
        {
            return null;
        }

        if (expected.Length > 1 && expected.Distinct().Count() > 1 && flipped.Distinct().Count() == 1)
        {
            return $"Every image of your batch got the same decision ({(flipped[0] ? "all flipped" : "none flipped")}): decide for each image, from its own generator.";
        }

        if (input.P is 0 or 1)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"With p = {input.P} {(input.P == 0 ? "no image may flip" : "every image must flip")}, but yours {(input.P == 0 ? "flipped" : "kept")} some: does your decision use p?");
        }

        return flipped.Zip(expected).All(pair => pair.First != pair.Second)
            ? "Your batch flips exactly the images that should stay and keeps those that should flip: an image flips when its draw is below p."
            : $"Image {Enumerable.Range(0, expected.Length).First(i => flipped[i] != expected[i])}'s decision does not follow its generator: draw once from generators[i] for image i (Bernoulli(p), or NextDouble() < p).";
    }

    private static Kind Classify(TensorData original, TensorData result, int index)
    {
        using var scope = NewDisposeScope();
        var before = original.ToTensor()[index];
        var after = result.ToTensor()[index];
        return before.allclose(after, 0, 0) ? Kind.Same
            : before.flip(-1).allclose(after, 0, 0) ? Kind.Horizontal
            : before.flip(-2).allclose(after, 0, 0) ? Kind.Vertical
            : Kind.Other;
    }

    /// <summary>A batch of random images and seeds; with 0 &lt; p &lt; 1 and several images, some flip and some do not.</summary>
    private static FlipBatchInput Make(CaseRandom random, int batch, int channels, int height, int width, double p)
    {
        var images = TensorData.OfFloats([batch, channels, height, width], random.Floats(batch * channels * height * width, 0, 1));
        ulong[] seeds;
        do
        {
            seeds = [.. Enumerable.Range(0, batch).Select(_ => (ulong)random.Between(1, int.MaxValue - 1))];
        }
        while (batch > 1 && p is > 0 and < 1 && seeds.Select(s => new Pcg32(s).Bernoulli(p)).Distinct().Count() < 2);
        return new FlipBatchInput(images, p, seeds);
    }
}
