using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 05.1: the labels cell of one row of a space-separated label CSV.</summary>
/// <param name="Cell">The cell, e.g. <c>"dog person"</c> (may be empty: an image without labels).</param>
/// <param name="Vocabulary">The label names; column j of the target is label j.</param>
/// <param name="Line">The row's line number in the file, for the error message.</param>
public sealed record LabelCellInput(string Cell, string[] Vocabulary, int Line);

/// <summary>What an answer did with a cell: the vector it returned, or the exception it threw.</summary>
/// <param name="Target">The returned vector; null when the answer threw.</param>
/// <param name="ErrorType">The exception's type name when it threw.</param>
/// <param name="ErrorMessage">The exception's message when it threw.</param>
public sealed record LabelCellObservation(float[]? Target, string? ErrorType, string? ErrorMessage);

/// <summary>
/// 05.1: a label-CSV cell to a multi-hot vector, failing with a message that names an unknown label and the line
/// (<c>Func&lt;string, string[], int, float[]&gt;</c>).
/// </summary>
public sealed class LabelCellExercise : Exercise<Func<string, string[], int, float[]>, LabelCellInput, LabelCellObservation>
{
    private static readonly string[] Animals = ["cat", "dog", "person", "car", "bicycle", "bird", "boat"];

    internal LabelCellExercise()
        : base(
            "05.1",
            "A label-CSV cell to a multi-hot vector, with a clear error",
            2,
            [
                "The cell holds label names separated by spaces, in any order; the vector has one entry per vocabulary label, in vocabulary order. What should a cell with two spaces in a row, or no label at all, give?",
                "Split on spaces and drop the empty pieces; find each name's column in the vocabulary (Array.IndexOf gives -1 when it is missing). A missing name is an error worth stopping for: throw an exception whose message says which label, on which line.",
            ],
            (cell, vocabulary, line) =>
            {
                var target = new float[vocabulary.Length];
                foreach (var name in cell.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    int column = Array.IndexOf(vocabulary, name);
                    if (column < 0)
                    {
                        throw new FormatException($"line {line}: unknown label '{name}'; known labels: {string.Join(", ", vocabulary)}.");
                    }

                    target[column] = 1f;
                }

                return target;
            })
    {
    }

    /// <inheritdoc />
    protected override LabelCellInput Example => new("person dog", ["cat", "dog", "person", "car"], 2);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, LabelCellInput Input)> Generate(CaseRandom random)
    {
        var vocabulary = Vocabulary(random);
        int n = vocabulary.Length;
        yield return ("labels listed out of vocabulary order", new($"{vocabulary[n - 1]} {vocabulary[1]} {vocabulary[n - 2]}", vocabulary, random.Between(2, 400)));
        vocabulary = Vocabulary(random);
        var two = Shuffled(random, vocabulary, 2);
        yield return ("a cell with extra spaces before, between and after the labels", new($"  {two[0]}   {two[1]} ", vocabulary, random.Between(2, 400)));
        yield return ("an empty cell: an image without labels", new(string.Empty, Vocabulary(random), random.Between(2, 400)));
        vocabulary = Vocabulary(random);
        var repeated = random.Pick(vocabulary);
        yield return ("a label listed twice", new($"{repeated} {random.Pick(vocabulary)} {repeated}", vocabulary, random.Between(2, 400)));
        vocabulary = Vocabulary(random);
        var known = random.Pick(vocabulary);
        var typo = new string([.. known.Reverse()]) + "x";
        yield return ("a cell with a label that is not in the vocabulary (a typo)", new($"{known} {typo}", vocabulary, random.Between(12, 998)));
        vocabulary = Vocabulary(random);
        yield return ("every label of the vocabulary", new(string.Join(' ', Shuffled(random, vocabulary, vocabulary.Length)), vocabulary, random.Between(2, 400)));
    }

    /// <inheritdoc />
    protected override LabelCellObservation Run(Func<string, string[], int, float[]> answer, LabelCellInput input)
    {
        float[]? target;
        try
        {
            target = answer(input.Cell, [.. input.Vocabulary], input.Line);
        }
        catch (Exception ex) when (ex is not NotImplementedException)
        {
            var error = AnswerError.From(ex);
            return new LabelCellObservation(null, error.Type, error.Message);
        }

        return new LabelCellObservation(target ?? throw new ImproperAnswerException("LabelsToMultiHot returned null: return a float[] with one entry per label."), null, null);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<LabelCellInput> testCase, LabelCellObservation learner, LabelCellObservation reference)
    {
        var input = testCase.Input;
        if (reference.Target is null)
        {
            var unknown = input.Cell.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(n => Array.IndexOf(input.Vocabulary, n) < 0);
            if (learner.Target is not null)
            {
                return "Your function returned a vector for a cell that names a label outside the vocabulary: it must throw instead. " +
                       "A silently dropped label (a typo, a label of another dataset) becomes a missing label in every epoch.";
            }

            string message = learner.ErrorMessage ?? string.Empty;
            if (!message.Contains(unknown, StringComparison.Ordinal))
            {
                return $"Your function threw ({learner.ErrorType}: {message}), but the message does not name the unknown label: whoever fixes the file needs to know which one.";
            }

            return Regex.IsMatch(message, $@"(?<!\d){input.Line.ToString(CultureInfo.InvariantCulture)}(?!\d)")
                ? null
                : $"Your function threw ({learner.ErrorType}: {message}) and names the label, but not the line number it was given: in a file of thousands of rows, say where.";
        }

        if (learner.Target is null)
        {
            return $"Your function threw {learner.ErrorType}: {learner.ErrorMessage}" +
                   (input.Cell.Length == 0 ? " An empty cell is valid: an image without any label." : input.Cell.Contains("  ", StringComparison.Ordinal) || input.Cell.StartsWith(' ')
                       ? " Two spaces in a row leave an empty piece between them: drop empty pieces (StringSplitOptions.RemoveEmptyEntries)."
                       : string.Empty);
        }

        var (mine, theirs) = (learner.Target, reference.Target);
        if (mine.Length != theirs.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Your vector has {mine.Length} entries: it needs one per vocabulary label ({input.Vocabulary.Length} here), present or not.");
        }

        if (mine.Any(v => v > 1))
        {
            return "An entry of your vector is above 1: a label listed twice is still just present, so every entry is 0 or 1.";
        }

        if (mine.SequenceEqual(theirs))
        {
            return null;
        }

        var names = input.Cell.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var byAppearance = new float[theirs.Length];
        for (int k = 0; k < names.Length && k < byAppearance.Length; k++)
        {
            byAppearance[k] = 1;
        }

        if (mine.SequenceEqual(byAppearance))
        {
            return "Your vector has its 1s in the order the labels appear in the cell. Entry j belongs to vocabulary label j, wherever the cell lists it.";
        }

        int wrong = Enumerable.Range(0, mine.Length).First(j => mine[j] != theirs[j]);
        return testCase.IsExample
            ? $"Entry {wrong} (label '{input.Vocabulary[wrong]}') of your vector is {Judging.Format(mine[wrong])}, which is not right for the cell \"{input.Cell}\"."
            : $"Entry {wrong} of your vector is {Judging.Format(mine[wrong])}, which is not right: 1 exactly for the labels the cell names.";
    }

    private static string[] Vocabulary(CaseRandom random) => Shuffled(random, Animals, random.Between(4, Animals.Length));

    private static string[] Shuffled(CaseRandom random, string[] items, int take) => [.. random.Permutation(items.Length).Take(take).Select(i => items[i])];
}
