namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 09.2: cells (logit, target) and the focal loss's parameters.</summary>
/// <param name="Logits">One logit per cell.</param>
/// <param name="Targets">The cell's target, 0 or 1.</param>
/// <param name="Gamma">The focusing parameter.</param>
/// <param name="Alpha">The weight of positives (negatives get 1 - alpha).</param>
public sealed record FocalLossInput(double[] Logits, double[] Targets, double Gamma, double Alpha);

/// <summary>What an answer gave for each cell.</summary>
/// <param name="Losses">The loss of each cell.</param>
public sealed record FocalLossObservation(double[] Losses);

/// <summary>
/// 09.2: the focal loss of one cell, in double precision and stable for any logit, as
/// <see cref="Losses.FocalLoss"/> computes it (<c>Func&lt;double, double, double, double, double&gt;</c>:
/// logit, target, gamma, alpha).
/// </summary>
public sealed class FocalLossExercise : Exercise<Func<double, double, double, double, double>, FocalLossInput, FocalLossObservation>
{
    internal FocalLossExercise()
        : base(
            "09.2",
            "Focal loss of one cell, stable for any logit",
            2,
            [
                "Write p = sigmoid(logit). A present label (target 1) costs alpha (1 - p)^gamma (-log p); an absent one (1 - alpha) p^gamma (-log(1 - p)). Which of the two terms does the target switch on?",
                "log p = log sigmoid(x) and log(1 - p) = log sigmoid(-x). In double precision 1 - sigmoid(40) is already 0, and log 0 is -infinity: compute log sigmoid(x) as -log(1 + e^(-x)) for x >= 0 and x - log(1 + e^x) for x < 0 (Math.Log(1 + y) loses nothing that matters here).",
            ],
            (logit, target, gamma, alpha) =>
            {
                static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));
                double p = 1 / (1 + Math.Exp(-logit));
                double positive = alpha * Math.Pow(1 - p, gamma) * -LogSigmoid(logit);
                double negative = (1 - alpha) * Math.Pow(p, gamma) * -LogSigmoid(-logit);
                return (target * positive) + ((1 - target) * negative);
            })
    {
    }

    /// <inheritdoc />
    protected override FocalLossInput Example => new([2.0, -1.0, 0.5, 3.0], [1, 0, 0, 1], 2, 0.25);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, FocalLossInput Input)> Generate(CaseRandom random)
    {
        yield return ("random cells, gamma 2, alpha 0.25 (the paper's)", Cells(random, 8, 3, 2, 0.25));
        yield return ("random cells, random gamma and alpha", Cells(random, 8, 3, random.Uniform(0.5, 4), random.Uniform(0.1, 0.9)));
        yield return ("gamma 0: alpha-weighted cross-entropy", Cells(random, 6, 3, 0, random.Uniform(0.2, 0.8)));
        yield return ("very large logits, |x| up to 100", new([50, -50, 100, -100, 40, -40, 100, -100], [0, 1, 0, 1, 1, 0, 1, 0], 2, random.Uniform(0.2, 0.8)));
    }

    /// <inheritdoc />
    protected override FocalLossObservation Run(Func<double, double, double, double, double> answer, FocalLossInput input) =>
        new([.. input.Logits.Select((x, i) => answer(x, input.Targets[i], input.Gamma, input.Alpha))]);

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<FocalLossInput> testCase, FocalLossObservation learner, FocalLossObservation reference)
    {
        var input = testCase.Input;
        var (mine, theirs) = (learner.Losses, reference.Losses);
        if (Judging.AllClose(mine, theirs, 1e-6, 1e-9))
        {
            return null;
        }

        int first = Enumerable.Range(0, mine.Length).First(i => !Judging.Close(mine[i], theirs[i], 1e-6, 1e-9));
        string cell = $"cell {first} (logit {Judging.Format(input.Logits[first])}, target {input.Targets[first]})";
        if (!double.IsFinite(mine[first]))
        {
            return $"Your loss is {Judging.Format(mine[first])} for {cell}: log(sigmoid(x)) or log(1 - sigmoid(x)) computed naively reaches log 0. Compute the logarithm of the sigmoid straight from the logit.";
        }

        if (mine[first] < 0)
        {
            return $"Your loss is negative for {cell}: a loss is -log of a probability times non-negative weights, never below 0.";
        }

        bool Matches(Func<double, double, double> variant) =>
            Judging.AllClose(mine, [.. input.Logits.Select((x, i) => variant(x, input.Targets[i]))], 1e-6, 1e-9);
        double P(double x) => 1 / (1 + Math.Exp(-x));
        double Bce(double x, double y) => y > 0.5 ? -LogSigmoid(x) : -LogSigmoid(-x);
        var (g, a) = (input.Gamma, input.Alpha);
        if (Matches((x, y) => (y > 0.5 ? a * Math.Pow(1 - P(x), g) : Math.Pow(P(x), g)) * Bce(x, y)))
        {
            return "Your negatives (target 0) are not weighted: alpha weighs the positives, and 1 - alpha the negatives.";
        }

        if (Matches((x, y) => (y > 0.5 ? a * Math.Pow(1 - P(x), g) : a * Math.Pow(P(x), g)) * Bce(x, y)))
        {
            return "Your negatives are weighted by alpha: they get 1 - alpha, so that the two weights add up to 1.";
        }

        if (Matches((x, y) => (y > 0.5 ? (1 - a) * Math.Pow(1 - P(x), g) : a * Math.Pow(P(x), g)) * Bce(x, y)))
        {
            return "Your alpha weights are swapped: alpha goes with the positives (target 1), 1 - alpha with the negatives.";
        }

        if (Matches((x, y) => (y > 0.5 ? a : 1 - a) * Math.Pow(P(x), g) * Bce(x, y)) || Matches((x, y) => (y > 0.5 ? a : 1 - a) * Math.Pow(1 - P(x), g) * Bce(x, y)))
        {
            return "Your focusing factor is the same power of p for both targets: it is (1 - p_t)^gamma, where p_t is the probability of the right answer (p for a positive, 1 - p for a negative), so confident right answers count little.";
        }

        if (Matches((x, y) => (y > 0.5 ? a : 1 - a) * Bce(x, y)))
        {
            return "Your loss ignores gamma: it is alpha-weighted cross-entropy. Multiply each cell by (1 - p_t)^gamma.";
        }

        return $"Your loss is {Judging.Format(mine[first])} for {cell}, which is not right.";
    }

    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

    private static FocalLossInput Cells(CaseRandom random, int count, double std, double gamma, double alpha) =>
        new([.. Enumerable.Range(0, count).Select(_ => random.Normal(std))], [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? 1.0 : 0.0)], gamma, alpha);
}
