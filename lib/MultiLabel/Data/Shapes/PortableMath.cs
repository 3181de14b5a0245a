namespace MultiLabel.Data.Shapes;

/// <summary>
/// Sine and cosine built from +, -, * and / only (each correctly rounded by IEEE 754), so generated images are
/// byte-identical on every platform; <see cref="Math.Sin"/> may differ in the last bit between C runtimes.
/// </summary>
internal static class PortableMath
{
    /// <summary>sin(x) to about 1e-15 for |x| up to a few thousand.</summary>
    public static double Sin(double x)
    {
        // Reduce to [-pi, pi].
        const double TwoPi = 2 * Math.PI;
        double k = Math.Floor((x + Math.PI) / TwoPi);
        double r = x - (k * TwoPi);
        // Fold to [-pi/2, pi/2] using sin(pi - r) = sin(r).
        if (r > Math.PI / 2)
        {
            r = Math.PI - r;
        }
        else if (r < -Math.PI / 2)
        {
            r = -Math.PI - r;
        }

        double r2 = r * r, term = r, sum = r;
        for (int n = 1; n <= 11; n++)
        {
            term *= -r2 / ((2 * n) * ((2 * n) + 1));
            sum += term;
        }

        return sum;
    }

    /// <summary>cos(x) = sin(x + pi/2).</summary>
    public static double Cos(double x) => Sin(x + (Math.PI / 2));
}
