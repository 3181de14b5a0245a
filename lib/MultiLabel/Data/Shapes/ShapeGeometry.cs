namespace MultiLabel.Data.Shapes;

/// <summary>Inside tests for each shape in its own unit frame (the shape fits in the unit disc).</summary>
internal static class ShapeGeometry
{
    private static readonly (double X, double Y)[] Triangle = RegularPolygon(3, 1.0, -Math.PI / 2);
    private static readonly (double X, double Y)[] Star = StarPolygon(5, 1.0, 0.42);

    /// <summary>True when the point (x, y) of the unit frame is inside the shape.</summary>
    public static bool Contains(ShapeKind kind, double x, double y) => kind switch
    {
        ShapeKind.Circle => (x * x) + (y * y) <= 0.92 * 0.92,
        ShapeKind.Square => Math.Abs(x) <= 0.7 && Math.Abs(y) <= 0.7,
        ShapeKind.Triangle => InPolygon(Triangle, x, y + 0.12),
        ShapeKind.Cross => (Math.Abs(x) <= 0.28 && Math.Abs(y) <= 0.95) || (Math.Abs(x) <= 0.95 && Math.Abs(y) <= 0.28),
        ShapeKind.Ring => ((x * x) + (y * y) <= 0.95 * 0.95) && ((x * x) + (y * y) >= 0.55 * 0.55),
        ShapeKind.Star => InPolygon(Star, x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static (double X, double Y)[] RegularPolygon(int n, double radius, double phase)
    {
        var pts = new (double, double)[n];
        for (int i = 0; i < n; i++)
        {
            double a = phase + (2 * Math.PI * i / n);
            pts[i] = (radius * PortableMath.Cos(a), radius * PortableMath.Sin(a));
        }

        return pts;
    }

    private static (double X, double Y)[] StarPolygon(int points, double outer, double inner)
    {
        var pts = new (double, double)[2 * points];
        for (int i = 0; i < 2 * points; i++)
        {
            double a = (-Math.PI / 2) + (Math.PI * i / points);
            double r = i % 2 == 0 ? outer : inner;
            pts[i] = (r * PortableMath.Cos(a), r * PortableMath.Sin(a));
        }

        return pts;
    }

    /// <summary>Even-odd rule point-in-polygon test.</summary>
    private static bool InPolygon((double X, double Y)[] poly, double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = poly.Length - 1; i < poly.Length; j = i++)
        {
            var (xi, yi) = poly[i];
            var (xj, yj) = poly[j];
            if (((yi > y) != (yj > y)) && (x < ((xj - xi) * (y - yi) / (yj - yi)) + xi))
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
