using System.Net;
using System.Runtime.CompilerServices;
using MultiLabel.Runtime;
using MultiLabel.Viz;
using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>
/// An exercise whose answer is a delegate of type <typeparamref name="TAnswer"/>, tested on cases whose inputs are a
/// <typeparamref name="TInput"/> record and observed as a <typeparamref name="TObservation"/> record. A concrete
/// exercise says what its example is (<see cref="Example"/>), how to generate cases from a seed
/// (<see cref="Generate"/>), how to run an answer on an input and what to record (<see cref="Run"/>), and how to
/// compare two records (<see cref="Compare"/>). The engine adds the rest: the reference observation is the model
/// answer (<see cref="ModelAnswer"/>) observed the same way, exceptions become observations, the global random
/// generator is left as it was, and <see cref="Check"/> shows the result.
/// </summary>
/// <typeparam name="TAnswer">The learner's function, e.g. <c>Func&lt;Tensor, Tensor&gt;</c>.</typeparam>
/// <typeparam name="TInput">A case's inputs: a record of plain data.</typeparam>
/// <typeparam name="TObservation">What an observation records: a record of plain data.</typeparam>
public abstract class Exercise<TAnswer, TInput, TObservation> : Exercise
    where TAnswer : Delegate
    where TInput : class
    where TObservation : class
{
    /// <summary>Creates the exercise.</summary>
    /// <param name="id">"NN.k", e.g. "02.1".</param>
    /// <param name="title">A short title.</param>
    /// <param name="points">Points it is worth.</param>
    /// <param name="hints">Hints from a nudge to the idea.</param>
    /// <param name="modelAnswer">The model answer: a real delegate (a lambda), observed to get the reference observations.</param>
    /// <param name="solutionCode">The code between the solution markers; null: the body of the <paramref name="modelAnswer"/> lambda.</param>
    /// <param name="modelAnswerSource">Filled in by the compiler: the source text of <paramref name="modelAnswer"/>.</param>
    protected Exercise(
        string id,
        string title,
        int points,
        IReadOnlyList<string> hints,
        TAnswer modelAnswer,
        string? solutionCode = null,
        [CallerArgumentExpression(nameof(modelAnswer))] string modelAnswerSource = "")
        : base(id, title, points, hints, solutionCode ?? SolutionSource.FromLambda(modelAnswerSource))
    {
        ArgumentNullException.ThrowIfNull(modelAnswer);
        ModelAnswer = modelAnswer;
    }

    /// <summary>The model answer.</summary>
    public TAnswer ModelAnswer { get; }

    /// <inheritdoc />
    public override Type AnswerType => typeof(TAnswer);

    /// <summary>The example the notebook shows (case 0).</summary>
    protected abstract TInput Example { get; }

    /// <summary>Step 1: the notebook's example, then the cases generated from <paramref name="seed"/> (edge cases included).</summary>
    public IReadOnlyList<ExerciseCase<TInput>> Cases(int seed)
    {
        var cases = new List<ExerciseCase<TInput>> { new(0, "the example in the notebook", true, Example) };
        foreach (var (description, input) in Generate(new CaseRandom(seed, Id)))
        {
            cases.Add(new ExerciseCase<TInput>(cases.Count, description, false, input));
        }

        return cases;
    }

    /// <summary>Step 2: runs <paramref name="answer"/> on a case and records what it did; never throws.</summary>
    public Observation<TObservation> Observe(TAnswer answer, ExerciseCase<TInput> testCase)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(testCase);
        Tensor? rngState = null;
        try
        {
            TorchRuntime.EnsureLoaded();
            rngState = get_rng_state();
            using var scope = NewDisposeScope();
            return new Observation<TObservation>(Run(answer, testCase.Input), null);
        }
#pragma warning disable CA1031 // A learner's code can throw anything; the observation records it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new Observation<TObservation>(null, AnswerError.From(ex));
        }
        finally
        {
            if (rngState is not null)
            {
                set_rng_state(rngState); // a check never changes the notebook's random numbers
                rngState.Dispose();
            }
        }
    }

    /// <summary>The model answer's observation of a case: what <see cref="Judge"/> compares with.</summary>
    public Observation<TObservation> ObserveReference(ExerciseCase<TInput> testCase) => Observe(ModelAnswer, testCase);

    /// <summary>
    /// Step 3: null when the learner's observation agrees with the reference, else a message that names what is
    /// wrong without the expected value or a generated case's inputs.
    /// </summary>
    public string? Judge(ExerciseCase<TInput> testCase, Observation<TObservation> learner, Observation<TObservation> reference)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Error is { } internalError)
        {
            return $"The checker could not run its own model answer ({internalError.Type}: {internalError.Message}); please report this.";
        }

        if (learner.Error is { } error)
        {
            return error.Type == AnswerError.ImproperAnswer ? error.Message : $"Your code threw {error.Type}: {error.Message}{Explain(error)}";
        }

        return learner.Value is null || reference.Value is null
            ? "The observation is empty; please report this."
            : Compare(testCase, learner.Value, reference.Value);
    }

    /// <summary>Checks <paramref name="answer"/> on the cases of <paramref name="seed"/> and records the result; never throws.</summary>
    public CheckResult Evaluate(TAnswer answer, int seed = PublicSeed)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            var cases = Cases(seed);
            var learner = cases.Select(c => Observe(answer, c)).ToList();
            if (learner.Any(o => o.Error?.IsNotImplemented == true))
            {
                return Record(NotAttempted());
            }

            for (int i = 0; i < cases.Count; i++)
            {
                if (Judge(cases[i], learner[i], ObserveReference(cases[i])) is { } message)
                {
                    return Record(Failed(message, i, cases.Count, cases[i].Description));
                }
            }

            return Record(Passed(cases.Count));
        }
#pragma warning disable CA1031 // Check must never stop the notebook.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Record(new CheckResult(Id, Title, Points, CheckStatus.Failed, $"The checker itself failed ({ex.GetType().Name}: {ex.Message}); please report this."));
        }
    }

    /// <inheritdoc />
    public override CheckResult Evaluate(Delegate answer, int seed = PublicSeed) => Evaluate(AsAnswer(answer), seed);

    /// <summary>
    /// Checks <paramref name="answer"/> and shows the result as a green, red or grey box; never throws. In the grader's
    /// child (<see cref="Exercise.GradingChild"/>) it shows one line: the grader observes the answer itself.
    /// </summary>
    public void Check(TAnswer answer)
    {
        if (GradingChild)
        {
            Display.Show($"Exercise {Id}: graded by the grader, not checked here.");
            return;
        }

        Display.Show(Evaluate(answer));
    }

    /// <summary>
    /// For a later cell that builds on this exercise: <paramref name="answer"/> when it passes its check now,
    /// otherwise the model answer; shows one line saying which one is used.
    /// </summary>
    public TAnswer AnswerOrModel(TAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (GradingChild)
        {
            return answer; // the grader's child holds no model answers: later cells run on the learner's own
        }

        var result = Evaluate(answer);
        bool yours = result.Status == CheckStatus.Passed;
        var text = yours
            ? $"Using your answer to exercise {Id} ({Title}): it passes its check."
            : $"Using the model answer of exercise {Id} ({Title}): yours {(result.Status == CheckStatus.NotAttempted ? "is not written yet" : "does not pass its check yet")}.";
        Display.Show(new ShownBox(Box(yours ? "#1a7f37" : "#8a6d00", yours ? "#f4fbf5" : "#fff8e1", WebUtility.HtmlEncode(text)), text));
        return yours ? answer : ModelAnswer;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> CasesJson(int seed) => [.. Cases(seed).Select(ExerciseJson.Serialize)];

    /// <inheritdoc />
    public override string ObserveJson(Delegate answer, string caseJson) =>
        ExerciseJson.Serialize(Observe(AsAnswer(answer), ExerciseJson.Deserialize<ExerciseCase<TInput>>(caseJson)));

    /// <inheritdoc />
    public override string ObserveReferenceJson(string caseJson) =>
        ExerciseJson.Serialize(ObserveReference(ExerciseJson.Deserialize<ExerciseCase<TInput>>(caseJson)));

    /// <inheritdoc />
    public override string? JudgeJson(string caseJson, string learnerJson, string referenceJson) =>
        Judge(
            ExerciseJson.Deserialize<ExerciseCase<TInput>>(caseJson),
            ExerciseJson.Deserialize<Observation<TObservation>>(learnerJson),
            ExerciseJson.Deserialize<Observation<TObservation>>(referenceJson));

    /// <summary>The cases after the example, generated from <paramref name="random"/>: typical inputs and edge cases, each with a description safe to show.</summary>
    protected abstract IEnumerable<(string Description, TInput Input)> Generate(CaseRandom random);

    /// <summary>Runs <paramref name="answer"/> on <paramref name="input"/> and records the result (inside a dispose scope; exceptions are recorded by the caller).</summary>
    protected abstract TObservation Run(TAnswer answer, TInput input);

    /// <summary>Null when <paramref name="learner"/> agrees with <paramref name="reference"/> on <paramref name="testCase"/>, else the message.</summary>
    protected abstract string? Compare(ExerciseCase<TInput> testCase, TObservation learner, TObservation reference);

    /// <inheritdoc />
    protected override bool ThrewNotImplemented(string observationJson) =>
        ExerciseJson.Deserialize<Observation<TObservation>>(observationJson).Error?.IsNotImplemented == true;

    /// <inheritdoc />
    protected override string DescriptionOf(string caseJson) => ExerciseJson.Deserialize<ExerciseCase<TInput>>(caseJson).Description;

    /// <summary>What a few libtorch errors usually mean in a learner's code.</summary>
    private static string Explain(AnswerError error) =>
        error.Message.Contains("modified by an inplace operation", StringComparison.Ordinal)
            ? " (A tensor that backward() still needed was changed in place: did the optimizer's step run before backward? Backward first, then step.)"
            : error.Message.Contains("leaf Variable that requires grad", StringComparison.Ordinal)
                ? " (Update weights in place only inside torch.no_grad().)"
                : error.Message.EndsWith("is not compatible with Float32", StringComparison.Ordinal) || error.Message.EndsWith("is not compatible with Float64", StringComparison.Ordinal)
                    ? " (item<T>() must name the tensor's own dtype: item<float>() for Float32, item<double>() for Float64.)"
                    : error.Message.Contains("all elements of input should be between 0 and 1", StringComparison.Ordinal)
                        ? " (binary_cross_entropy takes probabilities, and a model's outputs are logits: use binary_cross_entropy_with_logits.)"
                        : string.Empty;

    private static TAnswer AsAnswer(Delegate answer) => answer as TAnswer
        ?? throw new ArgumentException($"The answer must be a {typeof(TAnswer).Name}, not a {answer?.GetType().Name ?? "null"}.", nameof(answer));
}
