using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 04.4: labels, the seed of the weights and a batch of images.</summary>
/// <param name="NumLabels">Labels.</param>
/// <param name="WeightSeed">Seed of every parameter and buffer.</param>
/// <param name="Images">The batch [B, 3, H, W].</param>
public sealed record CnnInput(int NumLabels, int WeightSeed, TensorData Images);

/// <summary>What a CNN did with its weights set from the case's seed.</summary>
/// <param name="Parameters">"name: [shape]" of every parameter.</param>
/// <param name="Output">Its output in eval mode.</param>
/// <param name="BatchIndependent">True when, in eval mode, image 0 alone gives the same output as in the batch.</param>
/// <param name="WithoutGradient">Parameters that get no gradient from a backward pass in train mode.</param>
public sealed record CnnObservation(string[] Parameters, TensorData Output, bool BatchIndependent, string[] WithoutGradient);

/// <summary>04.4: the forward pass of a small CNN, a custom module (<c>Func&lt;int, nn.Module&lt;Tensor, Tensor&gt;&gt;</c>).</summary>
public sealed class CnnForwardExercise : Exercise<Func<int, nn.Module<Tensor, Tensor>>, CnnInput, CnnObservation>
{
    internal CnnForwardExercise()
        : base(
            "04.4",
            "The forward pass of a small CNN",
            3,
            [
                "forward receives a batch [B, 3, H, W] and must return [B, numLabels] logits, using every layer the constructor made, in the order the exercise lists them.",
                "Call each layer with .call(x); the activation and the pooling are functions (nn.functional.relu, nn.functional.max_pool2d); global average pooling is a mean over the height and width dimensions. Open a dispose scope and move the result out of it, as TinyCnn does.",
            ],
            numLabels => new ReferenceCnn(numLabels),
            ReferenceCnn.ForwardCode)
    {
    }

    /// <inheritdoc />
    protected override CnnInput Example => new(6, 4, Lesson04.Normal(new CaseRandom(4, "04.4-example"), [4, 3, 32, 32]));

    /// <inheritdoc />
    protected override IEnumerable<(string Description, CnnInput Input)> Generate(CaseRandom random)
    {
        yield return ("images whose height and width differ", new(random.Between(2, 8), random.Between(1, 1000), Lesson04.Normal(random, [3, 3, 24, 40])));
        yield return ("odd image sizes", new(random.Between(2, 8), random.Between(1, 1000), Lesson04.Normal(random, [2, 3, 17, 23])));
        yield return ("a single label and a batch of two", new(1, random.Between(1, 1000), Lesson04.Normal(random, [2, 3, 16, 16])));
    }

    /// <inheritdoc />
    protected override CnnObservation Run(Func<int, nn.Module<Tensor, Tensor>> answer, CnnInput input)
    {
        using var model = Lesson04.Returned(answer(input.NumLabels), "the model factory");
        ModuleWeights.Fill(model, input.WeightSeed);
        var parameters = ModuleWeights.Describe(model);
        using var images = input.Images.ToTensor();
        model.eval();
        TensorData output;
        bool independent;
        using (no_grad())
        {
            var all = model.call(images);
            output = TensorData.From(all);
            var first = model.call(images.narrow(0, 0, 1));
            independent = first.shape.SequenceEqual(all.narrow(0, 0, 1).shape) && first.allclose(all.narrow(0, 0, 1), 1e-4, 1e-5);
        }

        model.train();
        model.zero_grad();
        model.call(images).sum().backward();
        string[] unused = [.. model.named_parameters().Where(p => p.parameter.grad is not { } g || g.abs().max().item<float>() == 0).Select(p => p.name)];
        return new CnnObservation(parameters, output, independent, unused);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<CnnInput> testCase, CnnObservation learner, CnnObservation reference)
    {
        if (!learner.Parameters.SequenceEqual(reference.Parameters, StringComparer.Ordinal))
        {
            return "Your model's parameters are not those of the skeleton's constructor: keep the fields and the constructor as given, and write only forward.";
        }

        if (Judging.Shape(learner.Output, reference.Output, "Your output", "one logit per image and label, [B, numLabels].") is { } shape)
        {
            return shape;
        }

        if (learner.WithoutGradient.Length > 0)
        {
            return $"{string.Join(", ", learner.WithoutGradient)} get{(learner.WithoutGradient.Length == 1 ? "s" : string.Empty)} no gradient: your forward does not use {(learner.WithoutGradient.Length == 1 ? "it" : "them")}.";
        }

        if (!learner.BatchIndependent)
        {
            return "In eval mode an image's logits depend on the other images of its batch: use the layers (BatchNorm in eval mode uses its running statistics), not statistics of the batch you compute yourself.";
        }

        if (Judging.AllClose(learner.Output.Values, reference.Output.Values, 1e-3, 1e-4))
        {
            return null;
        }

        return learner.Output.Values.All(v => v >= 0) && reference.Output.Values.Any(v => v < 0)
            ? "Your logits are never negative: nothing comes after the head (no ReLU, no sigmoid)."
            : "Your logits differ from those of conv1 -> bn1 -> ReLU -> 2 x 2 max-pool -> conv2 -> bn2 -> ReLU -> global average pool -> head: check the order and each step.";
    }
}
