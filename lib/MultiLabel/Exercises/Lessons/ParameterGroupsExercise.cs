using System.Globalization;
using MultiLabel.Models;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 06.3: a test network and the two rates.</summary>
/// <param name="Network">The network (see <c>Lesson06.Network</c>).</param>
/// <param name="LearningRate">The head's learning rate.</param>
/// <param name="BackboneFactor">The backbone's rate is the head's times this.</param>
public sealed record ParameterGroupsInput(NetworkSpec Network, double LearningRate, double BackboneFactor);

/// <summary>One group as an answer returned it.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="LearningRate">Its learning rate.</param>
/// <param name="Parameters">The model's names of its parameters ("?" for one that is not the model's).</param>
public sealed record GroupView(string Name, double LearningRate, string[] Parameters);

/// <summary>The groups a 06.3 answer returned, and the model's parameter names.</summary>
/// <param name="Groups">The groups in order.</param>
/// <param name="ModelParameters">Every parameter name of the model.</param>
public sealed record ParameterGroupsObservation(GroupView[] Groups, string[] ModelParameters);

/// <summary>
/// 06.3: the model's parameters in two groups, the head at the full rate and the backbone at rate x factor
/// (<c>Func&lt;nn.Module, string, double, double, IReadOnlyList&lt;ParameterGroup&gt;&gt;</c>).
/// </summary>
public sealed class ParameterGroupsExercise : Exercise<Func<nn.Module, string, double, double, IReadOnlyList<ParameterGroup>>, ParameterGroupsInput, ParameterGroupsObservation>
{
    internal ParameterGroupsExercise()
        : base(
            "06.3",
            "Parameter groups with two learning rates",
            2,
            [
                "An optimizer can give each group of parameters its own learning rate. Which parameters start from random weights and need big steps, and which already hold useful features that big steps would wreck? Every parameter belongs to exactly one group.",
                "Walk named_parameters() once and sort each parameter by its name: the head's names begin with the head's name and a dot. Return two ParameterGroup records (a name, the list, a rate): the head at learningRate, the rest at learningRate times backboneFactor.",
            ],
            (model, headName, learningRate, backboneFactor) =>
            {
                var all = model.named_parameters().ToList();
                var head = all.Where(p => p.name.StartsWith(headName + ".")).Select(p => p.parameter).ToList();
                var backbone = all.Where(p => !p.name.StartsWith(headName + ".")).Select(p => p.parameter).ToList();
                return [new ParameterGroup("head", head, learningRate), new ParameterGroup("backbone", backbone, learningRate * backboneFactor)];
            })
    {
    }

    /// <inheritdoc />
    protected override ParameterGroupsInput Example => new(new NetworkSpec("fc", 16, 6, false, false, 1), 1e-2, 0.1);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, ParameterGroupsInput Input)> Generate(CaseRandom random)
    {
        yield return ("a head named 'classifier', other rates", new(new("classifier", random.Pick([8, 16]), random.Between(2, 12), false, false, random.Between(1, 1000)), random.Pick([3e-3, 1e-3, 5e-2]), random.Pick([0.2, 0.05])));
        yield return ("a child whose name begins with the head's name", new(new("fc", 8, random.Between(2, 12), false, true, random.Between(1, 1000)), 1e-2, 0.1));
        yield return ("a layer named like the head inside the backbone", new(new("head", 8, random.Between(2, 12), true, random.Chance(0.5), random.Between(1, 1000)), 3e-3, 0.3));
        yield return ("backbone factor 1 (one rate for all)", new(new("fc", 8, random.Between(2, 12), false, false, random.Between(1, 1000)), 1e-3, 1.0));
    }

    /// <inheritdoc />
    protected override ParameterGroupsObservation Run(Func<nn.Module, string, double, double, IReadOnlyList<ParameterGroup>> answer, ParameterGroupsInput input)
    {
        using var network = Lesson06.Network(input.Network);
        var names = network.named_parameters().ToDictionary(p => p.parameter.Handle, p => p.name);
        var groups = answer(network, input.Network.HeadName, input.LearningRate, input.BackboneFactor)
            ?? throw new ImproperAnswerException("ParameterGroups returned null: return a list of ParameterGroup records.");
        var views = groups.Select((g, i) => g is null
            ? throw new ImproperAnswerException($"Group {i} is null.")
            : new GroupView(g.Name ?? string.Empty, g.LearningRate, [.. (g.Parameters ?? []).Select(p => p is not null && names.TryGetValue(p.Handle, out var n) ? n : "?")]));
        return new ParameterGroupsObservation([.. views], [.. names.Values]);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<ParameterGroupsInput> testCase, ParameterGroupsObservation learner, ParameterGroupsObservation reference)
    {
        var input = testCase.Input;
        var headName = input.Network.HeadName;
        if (learner.Groups.Any(g => g.Parameters.Contains("?")))
        {
            return "A group holds a parameter that is not one of the model's: group the model's own parameters.";
        }

        var rates = learner.ModelParameters.ToDictionary(n => n, _ => new List<double>());
        foreach (var group in learner.Groups)
        {
            foreach (var name in group.Parameters)
            {
                rates[name].Add(group.LearningRate);
            }
        }

        if (rates.FirstOrDefault(r => r.Value.Count > 1) is { Key: { } twice })
        {
            return $"'{twice}' is in more than one group: each parameter belongs to exactly one, or the optimizer would step it twice.";
        }

        var missing = rates.Where(r => r.Value.Count == 0).Select(r => r.Key).ToList();
        if (missing.Count > 0)
        {
            return $"{missing.Count} of the model's {learner.ModelParameters.Length} parameters are in no group (the first: '{missing[0]}'), so the optimizer would never train them.";
        }

        double backboneRate = input.LearningRate * input.BackboneFactor;
        foreach (var (name, rate) in rates.Select(r => (r.Key, r.Value[0])).OrderBy(r => Lesson06.InHead(r.Key, headName) ? 0 : 1))
        {
            bool inHead = Lesson06.InHead(name, headName);
            double expected = inHead ? input.LearningRate : backboneRate;
            if (Judging.Close(rate, expected, 1e-9, 1e-15))
            {
                continue;
            }

            if (inHead)
            {
                return Judging.Close(rate, backboneRate, 1e-9, 1e-15)
                    ? $"The head ('{name}') learns at the backbone's rate: the new head starts from random weights and needs the full learning rate."
                    : $"The head ('{name}') learns at {Format(rate)}, not at the learning rate you were given.";
            }

            if (Judging.Close(rate, input.LearningRate, 1e-9, 1e-15))
            {
                return name.StartsWith(headName, StringComparison.Ordinal) || name.Contains(headName, StringComparison.Ordinal)
                    ? $"'{name}' learns at the head's rate, but it belongs to the backbone: the head is the top-level child named '{headName}' (its parameters' names begin with '{headName}' and a dot), not any layer whose name contains those letters."
                    : $"The backbone ('{name}') learns at the full learning rate: its pretrained features would be wrecked by steps as big as the new head's. Give it the learning rate times the factor.";
            }

            return $"The backbone ('{name}') learns at {Format(rate)}, which is not the learning rate times the backbone factor.";
        }

        return null;
    }

    private static string Format(double rate) => rate.ToString("G4", CultureInfo.InvariantCulture);
}
