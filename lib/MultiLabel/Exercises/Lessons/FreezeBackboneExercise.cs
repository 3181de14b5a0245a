using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 06.2: a test network and whether every parameter is frozen before the call.</summary>
/// <param name="Network">The network (see <c>Lesson06.Network</c>).</param>
/// <param name="FrozenBefore">Every parameter has requires_grad false when the answer is called.</param>
public sealed record FreezeInput(NetworkSpec Network, bool FrozenBefore);

/// <summary>What a 06.2 answer did to a network and what it returned.</summary>
/// <param name="Returned">The number the answer returned.</param>
/// <param name="Trainable">Names of the parameters that require grad after the call.</param>
/// <param name="HeadParameters">Names of the head's parameters.</param>
/// <param name="BatchNormParameters">Names of the BatchNorm layers' parameters.</param>
/// <param name="TrainableNumbers">Numbers in the parameters that require grad after the call.</param>
/// <param name="TrainableTensors">Parameter tensors that require grad after the call.</param>
/// <param name="AllParameterNumbers">Numbers in all parameters.</param>
/// <param name="StateDictNumbers">Numbers in the whole state dict (parameters and buffers).</param>
public sealed record FreezeObservation(long Returned, string[] Trainable, string[] HeadParameters, string[] BatchNormParameters, long TrainableNumbers, int TrainableTensors, long AllParameterNumbers, long StateDictNumbers);

/// <summary>06.2: freeze every parameter outside the head, keep the head trainable, return the trainable count (<c>Func&lt;nn.Module, string, long&gt;</c>).</summary>
public sealed class FreezeBackboneExercise : Exercise<Func<nn.Module, string, long>, FreezeInput, FreezeObservation>
{
    internal FreezeBackboneExercise()
        : base(
            "06.2",
            "Freeze all but the head and count what still learns",
            2,
            [
                "A parameter takes part in training when it requires grad. Which parameters belong to the head, judging by their names, and what must every other parameter become? A model may arrive with some parameters frozen already.",
                "named_parameters() gives each parameter with its full name (a child's name, a dot, then the rest); set requires_grad on every one of them. Then count the numbers (numel) in the parameters that still require grad: buffers such as BatchNorm's running statistics are never trained.",
            ],
            (model, headName) =>
            {
                foreach (var (name, parameter) in model.named_parameters())
                {
                    parameter.requires_grad = name.StartsWith(headName + ".");
                }

                return model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
            })
    {
    }

    /// <inheritdoc />
    protected override FreezeInput Example => new(new NetworkSpec("fc", 16, 6, false, false, 1), false);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, FreezeInput Input)> Generate(CaseRandom random)
    {
        yield return ("a head named 'classifier'", new(new("classifier", random.Pick([8, 16, 32]), random.Between(2, 12), false, false, random.Between(1, 1000)), false));
        yield return ("a child whose name begins with the head's name", new(new("fc", random.Pick([8, 16]), random.Between(2, 12), false, true, random.Between(1, 1000)), false));
        yield return ("a layer named like the head inside the backbone", new(new("head", random.Pick([8, 16]), random.Between(2, 12), true, false, random.Between(1, 1000)), false));
        yield return ("a network that arrives with every parameter frozen", new(new("fc", random.Pick([8, 16]), random.Between(2, 12), random.Chance(0.5), false, random.Between(1, 1000)), true));
    }

    /// <inheritdoc />
    protected override FreezeObservation Run(Func<nn.Module, string, long> answer, FreezeInput input)
    {
        using var network = Lesson06.Network(input.Network);
        foreach (var p in network.parameters())
        {
            p.requires_grad = !input.FrozenBefore;
        }

        long returned = answer(network, input.Network.HeadName);
        var parameters = network.named_parameters().ToList();
        var trainable = parameters.Where(p => p.parameter.requires_grad).ToList();
        return new FreezeObservation(
            returned,
            [.. trainable.Select(p => p.name)],
            [.. parameters.Select(p => p.name).Where(n => Lesson06.InHead(n, input.Network.HeadName))],
            [.. Lesson06.BatchNormParameters(network)],
            trainable.Sum(p => p.parameter.numel()),
            trainable.Count,
            parameters.Sum(p => p.parameter.numel()),
            network.state_dict().Values.Sum(t => t.numel()));
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<FreezeInput> testCase, FreezeObservation learner, FreezeObservation reference)
    {
        var headName = testCase.Input.Network.HeadName;
        var trainable = learner.Trainable.ToHashSet();
        if (learner.HeadParameters.FirstOrDefault(n => !trainable.Contains(n)) is { } frozenHead)
        {
            return $"The head is frozen ('{frozenHead}' does not require grad): then nothing learns. The head must stay (or become) trainable.";
        }

        if (learner.Trainable.FirstOrDefault(n => !reference.Trainable.Contains(n)) is { } loose)
        {
            if (loose.StartsWith(headName, StringComparison.Ordinal))
            {
                return $"'{loose}' still requires grad, but it is not in the head '{headName}': its name only begins with the same letters.";
            }

            if (loose.Contains(headName, StringComparison.Ordinal))
            {
                return $"'{loose}' still requires grad, but it is not in the head: it is a layer of the backbone that happens to be named like the head.";
            }

            return learner.BatchNormParameters.Contains(loose)
                ? $"'{loose}' still requires grad: BatchNorm layers have parameters too (a weight and a bias per channel). Freeze every parameter outside the head."
                : $"'{loose}' still requires grad, but it is not in the head: freeze every parameter outside it.";
        }

        if (learner.Returned == reference.Returned)
        {
            return null;
        }

        if (learner.Returned == learner.StateDictNumbers)
        {
            return $"You returned {learner.Returned}: that counts the whole state dict, buffers (BatchNorm's running statistics) and frozen parameters included. Count the parameters that require grad.";
        }

        if (learner.Returned == learner.AllParameterNumbers)
        {
            return $"You returned {learner.Returned}: that counts the frozen parameters too. Count only those that require grad.";
        }

        return learner.Returned == learner.TrainableTensors
            ? $"You returned {learner.Returned}: the number of trainable tensors. Count the numbers in them (numel)."
            : $"You returned {learner.Returned}, which is not the number of values in the parameters that require grad.";
    }
}
