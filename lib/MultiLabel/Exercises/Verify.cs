using System.Globalization;
using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>Checks shared by the exercises; each returns null when fine or a message that does not give the answer away.</summary>
internal static class Verify
{
    public static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    public static string? NotNull(Tensor? t, string what) =>
        t is null ? $"{what} returned null: return a tensor." : null;

    public static string? HasShape(Tensor t, long[] expected, string what, string why) =>
        t.shape.SequenceEqual(expected) ? null : $"{what} has shape {Shape(t.shape)}, which is not right: {why}";

    public static string? HasDtype(Tensor t, ScalarType expected, string what, string why) =>
        t.dtype == expected ? null : $"{what} has dtype {t.dtype}: {why}";

    /// <summary>Null when close; otherwise where the first difference is, without the expected value.</summary>
    public static string? Close(Tensor actual, Tensor expected, string what, double tolerance = 1e-4)
    {
        using var a = actual.detach().to(ScalarType.Float64).cpu();
        using var e = expected.detach().to(ScalarType.Float64).cpu();
        if (!a.shape.SequenceEqual(e.shape))
        {
            return $"{what} has shape {Shape(a.shape)}, which is not right.";
        }

        using var bad = (a - e).abs() > (tolerance + (tolerance * e.abs()));
        using var nan = a.isnan();
        using var anyBad = bad.logical_or(nan).any();
        if (!anyBad.item<bool>())
        {
            return null;
        }

        using var where = bad.logical_or(nan).nonzero();
        var index = where.shape[0] == 0 ? [] : where[0].data<long>().ToArray();
        var at = index.Length == 0 ? string.Empty : " at index [" + string.Join(", ", index) + "]";
        return string.Create(CultureInfo.InvariantCulture, $"{what} is not right{at} (your value there: {ValueAt(a, index):G5}).");
    }

    private static double ValueAt(Tensor t, long[] index)
    {
        if (index.Length == 0)
        {
            return t.numel() == 1 ? t.item<double>() : double.NaN;
        }

        var indices = index.Select(i => TensorIndex.Single(i)).ToArray();
        using var v = t[indices];
        return v.item<double>();
    }
}
