using System.Globalization;

namespace MultiLabel.Exercises;

/// <summary>
/// Comparisons the judges share. Each returns null when the learner's value agrees with the reference, else a
/// message that describes the learner's value (shape, dtype, where it first differs) but never the expected one.
/// </summary>
internal static class Judging
{
    public const double RelativeTolerance = 1e-4;
    public const double AbsoluteTolerance = 1e-5;

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static bool Close(double learner, double reference, double rtol = RelativeTolerance, double atol = AbsoluteTolerance)
    {
        if (double.IsNaN(reference))
        {
            return double.IsNaN(learner);
        }

        if (double.IsInfinity(reference))
        {
            return learner == reference;
        }

        return double.IsFinite(learner) && Math.Abs(learner - reference) <= atol + (rtol * Math.Abs(reference));
    }

    /// <summary>True when both hold the same number of values and every pair is close.</summary>
    public static bool AllClose(IReadOnlyList<double> learner, IReadOnlyList<double> reference, double rtol = RelativeTolerance, double atol = AbsoluteTolerance) =>
        learner.Count == reference.Count && Enumerable.Range(0, learner.Count).All(i => Close(learner[i], reference[i], rtol, atol));

    /// <summary>True when learner = factor * reference everywhere (within tolerance).</summary>
    public static bool Scaled(IReadOnlyList<double> learner, IReadOnlyList<double> reference, double factor, double rtol = RelativeTolerance, double atol = AbsoluteTolerance) =>
        learner.Count == reference.Count && Enumerable.Range(0, learner.Count).All(i => Close(learner[i], factor * reference[i], rtol, atol));

    public static string? Number(double learner, double reference, string what, double rtol = RelativeTolerance, double atol = AbsoluteTolerance)
    {
        if (Close(learner, reference, rtol, atol))
        {
            return null;
        }

        return double.IsFinite(learner) || !double.IsFinite(reference)
            ? $"{what} is {Format(learner)}, which is not right."
            : $"{what} is {Format(learner)} where a finite number is expected.";
    }

    /// <summary>Shape, then dtype (when <paramref name="checkDtype"/>), then values.</summary>
    public static string? Tensor(TensorData learner, TensorData reference, string what, string shapeWhy, bool checkDtype = true, double rtol = RelativeTolerance, double atol = AbsoluteTolerance) =>
        Shape(learner, reference, what, shapeWhy)
        ?? (checkDtype ? Dtype(learner, reference, what) : null)
        ?? Values(learner, reference, what, rtol, atol);

    public static string? Shape(TensorData learner, TensorData reference, string what, string why) =>
        learner.Shape.SequenceEqual(reference.Shape) ? null : $"{what} has shape {learner.ShapeText}, which is not right: {why}";

    public static string? Dtype(TensorData learner, TensorData reference, string what) =>
        learner.Dtype == reference.Dtype ? null : $"{what} has dtype {learner.Dtype}, which is not the one needed here.";

    /// <summary>Where the values first differ (index and the learner's value there) and how many differ.</summary>
    public static string? Values(TensorData learner, TensorData reference, string what, double rtol = RelativeTolerance, double atol = AbsoluteTolerance)
    {
        if (learner.Count != reference.Count)
        {
            return $"{what} has {learner.Count} values, which is not right.";
        }

        var wrong = Enumerable.Range(0, learner.Count).Where(i => !Close(learner.Values[i], reference.Values[i], rtol, atol)).ToList();
        if (wrong.Count == 0)
        {
            return null;
        }

        int first = wrong[0];
        double value = learner.Values[first];
        var kind = double.IsNaN(value) ? "NaN" : double.IsInfinity(value) ? "infinite" : "not right";
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} is {kind} at index {IndexText(first, learner.Shape)} (yours: {Format(value)}); {wrong.Count} of {learner.Count} values are off.");
    }

    /// <summary>The multi-index of flat index <paramref name="flat"/> in a tensor of <paramref name="shape"/>.</summary>
    public static string IndexText(long flat, long[] shape)
    {
        if (shape.Length == 0)
        {
            return "[]";
        }

        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            long size = Math.Max(1, shape[d]);
            index[d] = flat % size;
            flat /= size;
        }

        return TensorData.FormatShape(index);
    }
}
