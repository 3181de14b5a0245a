using System.Globalization;
using System.Text;
using MultiLabel.Training;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// A run's predictions.csv: one row per image with its name, its true labels and the predicted probabilities:
/// <code>
/// name,true_cat,true_dog,score_cat,score_dog
/// img-0001.png,1,0,0.93,0.04
/// </code>
/// Names that contain a comma or a quote are quoted as in RFC 4180. Probabilities are written so that reading them
/// back gives the very same float32 values, so a report rebuilt from the file matches the one made at training time.
/// <c>mlc train</c> writes it with <see cref="Write"/> after the test pass; <c>mlc report --run DIR</c> reads it.
/// </summary>
public static class PredictionsFile
{

    /// <summary>Prefix of the true-label columns.</summary>
    public const string TruePrefix = "true_";

    /// <summary>Prefix of the score columns.</summary>
    public const string ScorePrefix = "score_";

    /// <summary>Writes targets [N,L] (0/1) and probabilities [N,L] of the named images atomically.</summary>
    /// <exception cref="ArgumentException">Shapes or counts disagree, or a name contains a line break.</exception>
    public static void Write(string path, IReadOnlyList<string> labels, IReadOnlyList<string> names, Tensor targets, Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(names);
        using var scope = NewDisposeScope();
        var (t, s) = MetricInputs.Prepare(targets, probabilities, labels.Count, ScoreKind.Probabilities);
        if (t.shape[0] != names.Count)
        {
            throw new ArgumentException($"{names.Count} names for {t.shape[0]} rows of predictions.", nameof(names));
        }

        var truth = t.cpu().to(ScalarType.Byte).data<byte>().ToArray();
        var scores = s.cpu().to(ScalarType.Float32).data<float>().ToArray();
        int l = labels.Count;
        var csv = new StringBuilder("name");
        foreach (var prefix in new[] { TruePrefix, ScorePrefix })
        {
            foreach (var label in labels)
            {
                csv.Append(',').Append(prefix).Append(label);
            }
        }

        csv.Append('\n');
        for (int i = 0; i < names.Count; i++)
        {
            csv.Append(Quote(names[i]));
            for (int c = 0; c < l; c++)
            {
                csv.Append(',').Append(truth[(i * l) + c] == 0 ? '0' : '1');
            }

            for (int c = 0; c < l; c++)
            {
                csv.Append(',').Append(scores[(i * l) + c].ToString(CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>Reads and checks a predictions file.</summary>
    /// <exception cref="InvalidDataException">Bad header, wrong number of values, labels not 0/1, scores not in [0, 1], or no row; the message names the file and line.</exception>
    public static Predictions Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw FileProblem.At(path, 1, $"the file is empty; expected the header 'name,{TruePrefix}<label>...,{ScorePrefix}<label>...'.");
        }

        var labels = ParseHeader(path, header);
        var names = new List<string>();
        var targets = new List<float>();
        var scores = new List<float>();
        long line = 1;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (name, values) = SplitName(path, line, text);
            var fields = values.Split(',');
            if (fields.Length != 2 * labels.Length)
            {
                throw FileProblem.At(path, line, $"{fields.Length} values after the name, expected {2 * labels.Length} (true label and score of {labels.Length} labels).");
            }

            names.Add(name);
            for (int c = 0; c < fields.Length; c++)
            {
                bool isTruth = c < labels.Length;
                string column = (isTruth ? TruePrefix : ScorePrefix) + labels[c % labels.Length];
                if (!float.TryParse(fields[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                {
                    throw FileProblem.At(path, line, $"column '{column}': '{fields[c]}' is not a number.");
                }

                if (isTruth && v is not (0 or 1))
                {
                    throw FileProblem.At(path, line, $"column '{column}': '{fields[c]}' is not a label; true labels must be 0 or 1.");
                }

                if (!isTruth && !(v >= 0 && v <= 1))
                {
                    throw FileProblem.At(path, line, $"column '{column}': '{fields[c]}' is not a probability in [0, 1].");
                }

                (isTruth ? targets : scores).Add(v);
            }
        }

        if (names.Count == 0)
        {
            throw FileProblem.At(path, 2, "no prediction rows after the header.");
        }

        return new Predictions(labels, names, [.. targets], [.. scores]);
    }

    private static string[] ParseHeader(string path, string header)
    {
        var columns = header.Split(',').Select(c => c.Trim()).ToArray();
        int l = (columns.Length - 1) / 2;
        if (columns[0] != "name" || l == 0 || columns.Length != (2 * l) + 1)
        {
            throw FileProblem.At(path, 1, $"expected the header 'name,{TruePrefix}<label>...,{ScorePrefix}<label>...' (found '{header}').");
        }

        var labels = new string[l];
        for (int c = 0; c < l; c++)
        {
            string truth = columns[1 + c], score = columns[1 + l + c];
            if (!truth.StartsWith(TruePrefix, StringComparison.Ordinal) || !score.StartsWith(ScorePrefix, StringComparison.Ordinal) ||
                truth[TruePrefix.Length..] != score[ScorePrefix.Length..] || truth.Length == TruePrefix.Length)
            {
                throw FileProblem.At(path, 1, $"columns {2 + c} and {2 + l + c} must be {TruePrefix}<label> and {ScorePrefix}<label> of the same label (found '{truth}' and '{score}').");
            }

            labels[c] = truth[TruePrefix.Length..];
        }

        return labels;
    }

    private static string Quote(string name)
    {
        if (name.Contains('\n', StringComparison.Ordinal) || name.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Image name '{name}' contains a line break, which predictions.csv cannot hold.", nameof(name));
        }

        return name.Contains(',', StringComparison.Ordinal) || name.Contains('"', StringComparison.Ordinal) || name != name.Trim()
            ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : name;
    }

    private static (string Name, string Values) SplitName(string path, long line, string text)
    {
        if (!text.StartsWith('"'))
        {
            int comma = text.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? throw FileProblem.At(path, line, "only a name, no values.") : (text[..comma], text[(comma + 1)..]);
        }

        var name = new StringBuilder();
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                name.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                name.Append('"');
                i++;
            }
            else if (i + 1 < text.Length && text[i + 1] == ',')
            {
                return (name.ToString(), text[(i + 2)..]);
            }
            else
            {
                break;
            }
        }

        throw FileProblem.At(path, line, "the quoted name is not closed by a quote followed by a comma.");
    }
}
