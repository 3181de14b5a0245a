using MultiLabel.Randomness;

namespace MultiLabel.Data.Shapes;

/// <summary>A shape with its centre, radius and rotation on a canvas (pixel units, y down).</summary>
internal sealed record PlacedShape(ShapeKind Kind, double CenterX, double CenterY, double Radius, double Angle)
{
    private readonly double cos = PortableMath.Cos(Angle);
    private readonly double sin = PortableMath.Sin(Angle);

    public static PlacedShape Random(ShapeKind kind, int size, Pcg32 rng)
    {
        double radius = size * rng.Uniform(0.13, 0.23);
        double margin = radius * 0.8;
        return new PlacedShape(
            kind,
            rng.Uniform(margin, size - margin),
            rng.Uniform(margin, size - margin),
            radius,
            rng.Uniform(0, 2 * Math.PI));
    }

    /// <summary>True when canvas point (x, y) is inside.</summary>
    public bool Contains(double x, double y)
    {
        double dx = (x - CenterX) / Radius, dy = (y - CenterY) / Radius;
        double u = (cos * dx) + (sin * dy), v = (-sin * dx) + (cos * dy);
        return ShapeGeometry.Contains(Kind, u, v);
    }

    /// <summary>The pixel rectangle that can contain the shape, clipped to the canvas.</summary>
    public (int X0, int Y0, int X1, int Y1) Bounds(int size) => (
        Math.Max(0, (int)Math.Floor(CenterX - Radius)),
        Math.Max(0, (int)Math.Floor(CenterY - Radius)),
        Math.Min(size - 1, (int)Math.Ceiling(CenterX + Radius)),
        Math.Min(size - 1, (int)Math.Ceiling(CenterY + Radius)));

    /// <summary>The pixels whose centre is inside the shape.</summary>
    public IEnumerable<(int X, int Y)> CoveredPixels(int size)
    {
        var (x0, y0, x1, y1) = Bounds(size);
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                if (Contains(x + 0.5, y + 0.5))
                {
                    yield return (x, y);
                }
            }
        }
    }
}
