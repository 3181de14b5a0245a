namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 00.2: a multi-hot target and the label names of its columns.</summary>
/// <param name="Target">One entry per label, 1 when present.</param>
/// <param name="Names">The name of each label, in column order.</param>
public sealed record LabelNamesInput(float[] Target, string[] Names);

/// <summary>00.2: the names of the labels present in a target, in column order (<c>Func&lt;float[], string[], string[]&gt;</c>).</summary>
public sealed class LabelNamesExercise : Exercise<Func<float[], string[], string[]>, LabelNamesInput, StringsObservation>
{
    private static readonly string[] Pool = ["person", "dog", "cat", "car", "bicycle", "tree", "boat", "sky", "sea", "road", "bird", "horse"];

    internal LabelNamesExercise()
        : base(
            "00.2",
            "Decode a multi-hot target into label names",
            1,
            [
                "Entry i of the target belongs to the label names[i]: the two arrays line up.",
                "Walk over the indices and keep names[i] wherever the entry is 1, in index order. No label gives an empty array, not null.",
            ],
            (target, names) =>
            {
                var present = new List<string>();
                for (int i = 0; i < target.Length; i++)
                {
                    if (target[i] == 1f)
                    {
                        present.Add(names[i]);
                    }
                }

                return present.ToArray();
            })
    {
    }

    /// <inheritdoc />
    protected override LabelNamesInput Example => new([1, 0, 0, 1], ["person", "dog", "car", "tree"]);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LabelNamesInput Input)> Generate(CaseRandom random)
    {
        string[] Names(int count) => [.. random.Permutation(Pool.Length).Take(count).Select(i => Pool[i])];
        int none = random.Between(2, 6);
        yield return ("a target with no label", new LabelNamesInput(new float[none], Names(none)));
        int all = random.Between(2, 6);
        yield return ("a target with every label", new LabelNamesInput([.. Enumerable.Repeat(1f, all)], Names(all)));
        for (int i = 0; i < 3; i++)
        {
            int count = random.Between(3, 10);
            yield return ("a random target", new LabelNamesInput(random.Targets(1, count, 0.5)[0], Names(count)));
        }
    }

    /// <inheritdoc />
    protected override StringsObservation Run(Func<float[], string[], string[]> answer, LabelNamesInput input) =>
        new(answer([.. input.Target], [.. input.Names]) ?? throw new ImproperAnswerException("LabelNames returned null: return an array (an empty one when no label is present)."));

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LabelNamesInput> testCase, StringsObservation learner, StringsObservation reference)
    {
        if (learner.Values.SequenceEqual(reference.Values, StringComparer.Ordinal))
        {
            return null;
        }

        if (learner.Values.Length != reference.Values.Length)
        {
            return $"You returned {learner.Values.Length} name(s): there is one name for every entry equal to 1.";
        }

        return learner.Values.Order(StringComparer.Ordinal).SequenceEqual(reference.Values.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            ? "The names are right but not in column order: keep the order of the names array."
            : "A name is not right: the name of entry i is names[i].";
    }
}
