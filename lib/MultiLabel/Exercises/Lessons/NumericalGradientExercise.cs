using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>The input of 03.4: a named scalar function, the point and the step.</summary>
/// <param name="Function">One of <see cref="NumericalGradientExercise.Functions"/>.</param>
/// <param name="Point">Where to estimate the gradient (Float64).</param>
/// <param name="Eps">The step.</param>
public sealed record GradientCheckInput(string Function, TensorData Point, double Eps);

/// <summary>What a finite-difference answer produced.</summary>
/// <param name="Gradient">The returned estimate.</param>
/// <param name="PointUnchanged">True when the point holds its values again after the call.</param>
/// <param name="Calls">How often the answer called the function.</param>
public sealed record GradientCheckObservation(TensorData Gradient, bool PointUnchanged, int Calls);

/// <summary>03.4: the central-difference gradient of a scalar function (<c>Func&lt;Func&lt;Tensor, Tensor&gt;, Tensor, double, Tensor&gt;</c>).</summary>
public sealed class NumericalGradientExercise : Exercise<Func<Func<Tensor, Tensor>, Tensor, double, Tensor>, GradientCheckInput, GradientCheckObservation>
{
    internal NumericalGradientExercise()
        : base(
            "03.4",
            "A finite-difference gradient check",
            3,
            [
                "The derivative along one coordinate is the slope of f when only that coordinate moves: move it a little, see how f changes, divide by how far you moved.",
                "Take one step eps up and one step eps down around x (a centred difference is far more accurate than a one-sided one), one coordinate at a time, and put every coordinate back afterwards. x.view(-1) is a flat view of x that writes through; item<double>() reads a scalar.",
            ],
            (f, x, eps) =>
            {
                var gradient = torch.zeros_like(x);
                var flatX = x.view(-1);
                var flatGradient = gradient.view(-1);
                for (long i = 0; i < flatX.numel(); i++)
                {
                    double old = flatX[i].item<double>();
                    flatX[i] = old + eps;
                    double plus = f(x).item<double>();
                    flatX[i] = old - eps;
                    double minus = f(x).item<double>();
                    flatX[i] = old;
                    flatGradient[i] = (plus - minus) / (2 * eps);
                }

                return gradient;
            })
    {
    }

    /// <summary>The scalar functions the cases use, by name.</summary>
    public static IReadOnlyDictionary<string, Func<Tensor, Tensor>> Functions { get; } = new Dictionary<string, Func<Tensor, Tensor>>
    {
        ["sum of cubes"] = x => (x * x * x).sum(),
        ["x times sin x, summed"] = x => (x * x.sin()).sum(),
        ["log-sum-exp"] = x => x.exp().sum().log(),
        ["mean BCE with logits against alternating targets"] = x =>
        {
            using var targets = arange(x.numel(), x.dtype).remainder(2).reshape(x.shape);
            return nn.functional.binary_cross_entropy_with_logits(x, targets);
        },
    };

    /// <inheritdoc />
    protected override GradientCheckInput Example => new("sum of cubes", TensorData.OfDoubles([3], [1, -2, 0.5]), 1e-3);

    /// <inheritdoc />
    protected override IEnumerable<(string Description, GradientCheckInput Input)> Generate(CaseRandom random)
    {
        foreach (var name in Functions.Keys.Skip(1))
        {
            int rows = random.Between(1, 3), columns = random.Between(2, 4);
            yield return ($"{name} at a random point", new(name, TensorData.OfDoubles([rows, columns], Enumerable.Range(0, rows * columns).Select(_ => random.Normal(1.5))), random.Pick([1e-3, 1e-4])));
        }

        yield return ("sum of cubes at a single number", new("sum of cubes", TensorData.OfDoubles([1], [random.Uniform(-3, 3)]), 1e-3));
    }

    /// <inheritdoc />
    protected override GradientCheckObservation Run(Func<Func<Tensor, Tensor>, Tensor, double, Tensor> answer, GradientCheckInput input)
    {
        var function = Functions[input.Function];
        int calls = 0;
        using var point = input.Point.ToTensor();
        using var before = point.clone();
        var estimate = answer(x => { calls++; return function(x); }, point, input.Eps);
        if (estimate is null)
        {
            throw new ImproperAnswerException("NumericalGradient returned null: return a tensor of the point's shape.");
        }

        return new GradientCheckObservation(TensorData.From(estimate), TensorData.From(point).Values.SequenceEqual(TensorData.From(before).Values), calls);
    }

    /// <inheritdoc />
    protected override string? Compare(ExerciseCase<GradientCheckInput> testCase, GradientCheckObservation learner, GradientCheckObservation reference)
    {
        var (mine, theirs) = (learner.Gradient, reference.Gradient);
        if (Judging.Shape(mine, theirs, "Your estimate", "the gradient has one value per coordinate of x, in x's shape.") is { } shape)
        {
            return shape;
        }

        if (!learner.PointUnchanged)
        {
            return "x has other values after your function returns: put every coordinate back after moving it (the caller still needs x).";
        }

        if (Judging.AllClose(mine.Values, theirs.Values, 1e-6, 1e-8))
        {
            return null;
        }

        if (Judging.Scaled(mine.Values, theirs.Values, 2, 1e-6, 1e-8))
        {
            return "Your estimate is twice as large: the two points you compare lie 2 * eps apart.";
        }

        if (learner.Calls < theirs.Count)
        {
            return $"Your function called f {learner.Calls} times for {theirs.Count} coordinates: moving all coordinates at once measures one directional slope, not each partial derivative.";
        }

        return mine.Dtype != nameof(ScalarType.Float64)
            ? $"Your estimate is {mine.Dtype} and off by more than rounding: differences of nearby values need Float64 (float32 keeps only about 7 digits)."
            : Judging.Values(mine, theirs, "Your estimate", 1e-6, 1e-8) + " It is off by more than rounding error: is your difference centred on x? A one-sided one is off by about eps * f''(x) / 2.";
    }
}
