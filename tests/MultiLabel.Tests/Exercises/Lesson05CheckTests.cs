using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Randomness;
using MultiLabel.Tests.Support;
using TorchSharp;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 05 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson05CheckTests
{
    [Fact]
    public void LabelCell_model_answer_passes_and_its_error_names_label_and_line()
    {
        var check = Lesson05.LabelCell;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        var error = Assert.Throws<FormatException>(() => check.ModelAnswer("dog cta", ["cat", "dog"], 17));
        Assert.Contains("'cta'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelCell_rejects_dropping_unknown_labels_and_errors_without_the_label_or_the_line()
    {
        var check = Lesson05.LabelCell;
        Rejected(check.Evaluate((cell, vocabulary, line) => Encode(cell, vocabulary, line, unknown: Unknown.Ignore)), "must throw instead");
        Rejected(check.Evaluate((cell, vocabulary, line) => Encode(cell, vocabulary, line, unknown: Unknown.VagueMessage)), "does not name the unknown label");
        Rejected(check.Evaluate((cell, vocabulary, line) => Encode(cell, vocabulary, line, unknown: Unknown.NoLine)), "not the line number");
        Rejected(check.Evaluate((cell, vocabulary, line) => Encode(cell, vocabulary, line + 1)), "not the line number");
    }

    [Fact]
    public void LabelCell_rejects_a_plain_split_the_order_of_appearance_counts_and_a_wrong_length()
    {
        var check = Lesson05.LabelCell;
        Rejected(check.Evaluate((cell, vocabulary, line) => Encode(cell, vocabulary, line, keepEmpty: true)), "drop empty pieces");
        Rejected(check.Evaluate((cell, vocabulary, line) => ByAppearance(cell, vocabulary)), "in the order the labels appear");
        Rejected(check.Evaluate((cell, vocabulary, line) => Encode(cell, vocabulary, line, add: true)), "listed twice");
        Rejected(check.Evaluate((cell, vocabulary, line) => [.. Encode(cell, vocabulary, line).Where(v => v > 0)]), "one per vocabulary label");
        Rejected(check.Evaluate((cell, vocabulary, line) => null!), "returned null");
    }

    [Fact]
    public void LabelCell_rejects_an_empty_cell_that_throws()
    {
        Rejected(Lesson05.LabelCell.Evaluate((cell, vocabulary, line) => cell.Length == 0 ? throw new FormatException("empty") : Encode(cell, vocabulary, line)),
            "An empty cell is valid");
    }

    [Fact]
    public void PerSampleFlip_model_answer_passes_and_agrees_with_the_library_flip()
    {
        var check = Lesson05.PerSampleFlip;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        using var images = rand(6, 3, 4, 5);
        using var mine = check.ModelAnswer(images, 0.5, [.. Enumerable.Range(1, 6).Select(i => new Pcg32((ulong)i))]);
        var flip = new MultiLabel.Augment.RandomHorizontalFlip();
        for (int i = 0; i < 6; i++)
        {
            using var theirs = flip.Apply(images[i], new Pcg32((ulong)(i + 1)));
            Assert.True(mine[i].allclose(theirs, 0, 0), $"image {i}");
        }
    }

    [Fact]
    public void PerSampleFlip_rejects_one_decision_per_batch_the_wrong_axis_and_ignoring_p()
    {
        var check = Lesson05.PerSampleFlip;
        Rejected(check.Evaluate((images, p, g) => g[0].Bernoulli(p) ? images.flip(-1) : images.clone()), "got the same decision");
        Rejected(check.Evaluate((images, p, g) => PerImage(images, i => g[i].Bernoulli(p), dim: -2)), "mirrored top to bottom");
        Rejected(check.Evaluate((images, p, g) => PerImage(images, i => g[i].Bernoulli(0.5))), "does your decision use p?");
        Rejected(check.Evaluate((images, p, g) => PerImage(images, i => !g[i].Bernoulli(p))), "exactly the images that should stay");
    }

    [Fact]
    public void PerSampleFlip_rejects_one_shared_generator_in_place_flips_and_other_changes()
    {
        var check = Lesson05.PerSampleFlip;
        Rejected(check.Evaluate((images, p, g) => PerImage(images, i => g[0].Bernoulli(p))), "does not follow its generator");
        Rejected(check.Evaluate((images, p, g) =>
        {
            for (int i = 0; i < images.shape[0]; i++)
            {
                if (g[i].Bernoulli(p))
                {
                    images[i] = images[i].flip(-1);
                }
            }

            return images;
        }), "changed the batch it was given");
        Rejected(check.Evaluate((images, p, g) => PerImage(images, i => g[i].Bernoulli(p), dim: 0)), "neither the original image nor its mirror");
        Rejected(check.Evaluate((images, p, g) => PerImage(images, i => g[i].Bernoulli(p)).to(ScalarType.Float64)), "dtype Float64");
    }

    [Fact]
    public void ChannelStats_accepts_the_sample_and_the_population_std()
    {
        var check = Lesson05.ChannelStats;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        var population = check.Evaluate((images, splits) =>
        {
            var train = Train(images, splits);
            return (train.mean([0, 2, 3]), train.std([0, 2, 3], unbiased: false));
        });
        Assert.True(population.Status == CheckStatus.Passed, population.Message);
    }

    [Fact]
    public void ChannelStats_rejects_statistics_over_all_splits_and_over_the_wrong_dimensions()
    {
        var check = Lesson05.ChannelStats;
        Rejected(check.Evaluate((images, splits) => (images.mean([0, 2, 3]), images.std([0, 2, 3]))), "validation and test included");
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([0, 2, 3]), images.std([0, 2, 3]))), "Your std is computed over every image");
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([2, 3]), Train(images, splits).std([2, 3]))), "reduce over the images too");
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([0]), Train(images, splits).std([0]))), "reduce over height and width too");
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([0, 1, 2]), Train(images, splits).std([0, 1, 2]))), "keep dimension 1");
    }

    [Fact]
    public void ChannelStats_rejects_the_average_of_per_image_stds_and_float64()
    {
        var check = Lesson05.ChannelStats;
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([0, 2, 3]), Train(images, splits).std([2, 3]).mean([0]))), "averages the standard deviation of each image");
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([0, 2, 3]).to(ScalarType.Float64), Train(images, splits).std([0, 2, 3]))), "Float32");
        Rejected(check.Evaluate((images, splits) => (Train(images, splits).mean([0, 2, 3]), Train(images, splits).var([0, 2, 3]))), "Your std of channel");
    }

    private enum Unknown
    {
        Throw,
        Ignore,
        VagueMessage,
        NoLine,
    }

    private static Tensor Train(Tensor images, string[] splits) =>
        images.index_select(0, tensor(Enumerable.Range(0, splits.Length).Where(i => splits[i] == "train").Select(i => (long)i).ToArray()));

    private static Tensor PerImage(Tensor images, Func<int, bool> flip, long dim = -1) =>
        stack(Enumerable.Range(0, (int)images.shape[0]).Select(i => flip(i) ? images[i].flip(dim) : images[i]).ToArray());

    private static float[] Encode(string cell, string[] vocabulary, int line, Unknown unknown = Unknown.Throw, bool keepEmpty = false, bool add = false)
    {
        var target = new float[vocabulary.Length];
        foreach (var name in cell.Split(' ', keepEmpty ? StringSplitOptions.None : StringSplitOptions.RemoveEmptyEntries))
        {
            int column = Array.IndexOf(vocabulary, name);
            if (column < 0)
            {
                switch (unknown)
                {
                    case Unknown.Ignore:
                        continue;
                    case Unknown.VagueMessage:
                        throw new FormatException($"line {line}: unknown label");
                    case Unknown.NoLine:
                        throw new FormatException($"unknown label '{name}'");
                    default:
                        throw new FormatException($"line {line}: unknown label '{name}'");
                }
            }

            target[column] = add ? target[column] + 1 : 1;
        }

        return target;
    }

    private static float[] ByAppearance(string cell, string[] vocabulary)
    {
        var target = new float[vocabulary.Length];
        var names = cell.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int k = 0; k < names.Length; k++)
        {
            if (Array.IndexOf(vocabulary, names[k]) < 0)
            {
                throw new FormatException($"line ?: unknown label '{names[k]}'");
            }

            target[k] = 1;
        }

        return target;
    }
}
