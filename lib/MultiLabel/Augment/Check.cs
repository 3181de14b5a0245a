namespace MultiLabel.Augment;

/// <summary>Argument checks shared by the transforms.</summary>
internal static class Check
{
    public static double Probability(double p, string name) =>
        p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(name, p, "must be a probability in [0, 1]");

    public static int PositiveSize(int size, string name) =>
        size > 0 ? size : throw new ArgumentOutOfRangeException(name, size, "must be a positive number of pixels");

    public static (double Min, double Max) Range(double min, double max, double lowest, string name)
    {
        if (!(min >= lowest) || !(max >= min) || double.IsInfinity(max))
        {
            throw new ArgumentOutOfRangeException(name, (min, max), $"must satisfy {lowest} <= min <= max < infinity");
        }

        return (min, max);
    }
}
