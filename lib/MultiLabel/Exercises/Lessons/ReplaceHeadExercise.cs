using MultiLabel.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 06.1: a pretrained network's sizes, the new task's labels and the seed of weights and images.</summary>
/// <param name="Channels">Features the backbone gives (the old head's in_features).</param>
/// <param name="OldLabels">Outputs of the old head (the source task's classes).</param>
/// <param name="NumLabels">Labels of the new task.</param>
/// <param name="ImageSize">Side of the images the network is tried on.</param>
/// <param name="Seed">Seed of the weights and the images.</param>
public sealed record ReplaceHeadInput(int Channels, int OldLabels, int NumLabels, int ImageSize, int Seed);

/// <summary>What the network returned by a 06.1 answer did on a batch of images (its new parameters set from the case's seed).</summary>
/// <param name="ForwardError">The first line of the exception the network threw on images, or null.</param>
/// <param name="OutputShape">The shape of its output (empty when it threw).</param>
/// <param name="Minimum">The smallest output.</param>
/// <param name="Maximum">The largest output.</param>
/// <param name="Output">Its output (null when it threw).</param>
/// <param name="KeepsBackbone">Every parameter of the given backbone is a parameter of the network.</param>
/// <param name="KeepsOldHead">The old head's weight is a parameter of the network.</param>
/// <param name="NewParameters">Numbers in the network's parameters that are not the backbone's.</param>
public sealed record ReplaceHeadObservation(string? ForwardError, long[] OutputShape, double Minimum, double Maximum, TensorData? Output, bool KeepsBackbone, bool KeepsOldHead, long NewParameters);

/// <summary>
/// 06.1: a pretrained backbone with its old head in, a network with a new head for <c>numLabels</c> labels out
/// (<c>Func&lt;nn.Module&lt;Tensor, Tensor&gt;, Linear, int, nn.Module&lt;Tensor, Tensor&gt;&gt;</c>).
/// </summary>
public sealed class ReplaceHeadExercise : Exercise<Func<nn.Module<Tensor, Tensor>, TorchSharp.Modules.Linear, int, nn.Module<Tensor, Tensor>>, ReplaceHeadInput, ReplaceHeadObservation>
{
    private const int Images = 16;

    internal ReplaceHeadExercise()
        : base(
            "06.1",
            "Replace the head for a new set of labels",
            2,
            [
                "The backbone turns an image into a vector of features and keeps what it learned; the head maps those features to one output per class of the old task. Which of the two can the new task reuse, and which must be new?",
                "Chain the given backbone with a new Linear layer (nn.Sequential takes (name, module) pairs). Its input size is the number of features the backbone gives, which the old head tells you (its in_features); its output size is one logit per new label, with nothing after it.",
            ],
            (backbone, oldHead, numLabels) => nn.Sequential(("backbone", backbone), ("head", nn.Linear(oldHead.in_features, numLabels))))
    {
    }

    /// <inheritdoc />
    protected override ReplaceHeadInput Example => new(16, 6, 4, 16, 1);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ReplaceHeadInput Input)> Generate(CaseRandom random)
    {
        yield return ("random sizes", new(random.Pick([8, 16, 32]), random.Between(3, 10), random.Between(2, 20), random.Between(8, 24), random.Between(1, 1000)));
        yield return ("a single label", new(random.Pick([8, 16]), random.Between(3, 10), 1, 12, random.Between(1, 1000)));
        int labels = random.Between(3, 8);
        yield return ("as many labels as the old task had classes", new(16, labels, labels, 12, random.Between(1, 1000)));
        yield return ("many more labels than features", new(8, 5, random.Between(20, 40), 10, random.Between(1, 1000)));
    }

    /// <inheritdoc />
    protected override ReplaceHeadObservation Run(Func<nn.Module<Tensor, Tensor>, TorchSharp.Modules.Linear, int, nn.Module<Tensor, Tensor>> answer, ReplaceHeadInput input)
    {
        var backbone = Backbone(input);
        var oldHead = nn.Linear(input.Channels, input.OldLabels);
        ModuleWeights.Fill(oldHead, input.Seed + 1);
        var backboneHandles = backbone.parameters().Select(p => p.Handle).ToHashSet();
        var oldWeight = oldHead.weight!.Handle;
        var network = Lesson04.Returned(answer(backbone, oldHead, input.NumLabels), "ReplaceHead");
        try
        {
            var parameters = network.parameters().ToList();
            var handles = parameters.Select(p => p.Handle).ToHashSet();
            bool keepsBackbone = backboneHandles.All(handles.Contains);
            bool keepsOldHead = handles.Contains(oldWeight);
            var fresh = parameters.Where(p => !backboneHandles.Contains(p.Handle)).ToList();
            FillByPosition(fresh, input.Seed);
            long newNumbers = fresh.Sum(p => p.numel());

            var random = new CaseRandom(input.Seed, "06.1-images");
            using var images = Lesson04.Normal(random, [Images, 3, input.ImageSize, input.ImageSize]).ToTensor();
            network.eval();
            Tensor output;
            try
            {
                using var noGrad = no_grad();
                output = network.call(images);
            }
#pragma warning disable CA1031 // The returned network is the learner's: whatever it throws is what the check reports.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return new ReplaceHeadObservation(AnswerError.From(ex).Message, [], 0, 0, null, keepsBackbone, keepsOldHead, newNumbers);
            }

            return new ReplaceHeadObservation(null, output.shape, output.min().item<float>(), output.max().item<float>(), TensorData.From(output), keepsBackbone, keepsOldHead, newNumbers);
        }
        finally
        {
            network.Dispose();
            backbone.Dispose();
            oldHead.Dispose();
        }
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ReplaceHeadInput> testCase, ReplaceHeadObservation learner, ReplaceHeadObservation reference)
    {
        var input = testCase.Input;
        if (learner.ForwardError is { } error)
        {
            return error.Contains("shapes cannot be multiplied", StringComparison.Ordinal)
                ? $"Your network fails on images ({error}): the new head's input size must be the number of features the backbone gives, which the old head tells you."
                : $"Your network throws on images: {error}";
        }

        if (learner.KeepsOldHead)
        {
            return "Your network still computes with the old head: its outputs meant the old task's classes. The new labels need a new, freshly initialised head.";
        }

        if (!learner.OutputShape.SequenceEqual(reference.OutputShape))
        {
            return learner.OutputShape.Length == 2 && learner.OutputShape[1] == input.OldLabels
                ? $"For {Images} images your network returns {TensorData.FormatShape(learner.OutputShape)}: as many outputs as the old task had classes. One logit per new label."
                : $"For {Images} images your network returns {TensorData.FormatShape(learner.OutputShape)}: one logit per image and new label.";
        }

        if (!learner.KeepsBackbone)
        {
            return "The backbone you were given is not part of your network (or only part of it): reuse it as it is; its weights are what the pretraining learned.";
        }

        if (learner.Minimum >= 0 && learner.Maximum <= 1 && (reference.Minimum < 0 || reference.Maximum > 1))
        {
            return "Every output lies in [0, 1]: a sigmoid (or softmax) ends your head. Return logits; the loss applies the sigmoid itself.";
        }

        if (learner.NewParameters != reference.NewParameters)
        {
            return "Your new head has another number of parameters than one Linear layer from the backbone's features to one logit per label.";
        }

        return Judging.AllClose(learner.Output!.Values, reference.Output!.Values, 1e-4, 1e-5)
            ? null
            : "Your network's outputs are not those of the backbone followed by one Linear layer: keep the backbone's output as it is, then the new head, nothing else.";
    }

    private static TorchSharp.Modules.Sequential Backbone(ReplaceHeadInput input)
    {
        var backbone = nn.Sequential(
            ("conv1", nn.Conv2d(3, input.Channels, 3, padding: 1, bias: false)),
            ("bn1", nn.BatchNorm2d(input.Channels)),
            ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()));
        ModuleWeights.Fill(backbone, input.Seed);
        return backbone;
    }

    /// <summary>The same values for the same parameter shapes in the same order, whatever the learner named them.</summary>
    private static void FillByPosition(List<TorchSharp.Modules.Parameter> parameters, int seed)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var rng = Pcg32.Derive(seed, 6001, i);
            var values = Enumerable.Range(0, (int)p.numel()).Select(_ => rng.Uniform(-2, 2)).ToArray();
            using var source = tensor(values, p.shape).to(p.dtype, p.device);
            p.copy_(source);
        }
    }
}
