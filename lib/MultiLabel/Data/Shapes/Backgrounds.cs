using MultiLabel.Randomness;

namespace MultiLabel.Data.Shapes;

/// <summary>
/// The background textures: smooth on purpose. Per-pixel noise would make PNG files several times larger and
/// teach nothing a texture does not; every texture is built from +, -, *, / and <see cref="PortableMath"/>, so it is
/// byte-identical on every platform.
/// </summary>
internal static class Backgrounds
{
    /// <summary>The kinds of texture, drawn uniformly.</summary>
    public enum Kind
    {
        /// <summary>A linear gradient plus low-frequency value noise.</summary>
        Gradient,

        /// <summary>Soft sine stripes at a random angle and period.</summary>
        Stripes,

        /// <summary>Two colours mixed by two octaves of value noise (clouds).</summary>
        Clouds,

        /// <summary>Soft concentric waves around a random centre.</summary>
        Waves,
    }

    public static Kind Paint(Canvas canvas, Pcg32 rng)
    {
        var kind = (Kind)rng.NextInt(4);
        var baseColour = Colour.FromHsv(rng.NextDouble(), rng.Uniform(0.05, 0.5), rng.Uniform(0.25, 0.85));
        var second = Colour.FromHsv(rng.NextDouble(), rng.Uniform(0.05, 0.5), rng.Uniform(0.25, 0.85));
        int size = canvas.Size;
        switch (kind)
        {
            case Kind.Gradient:
                {
                    double gx = rng.Uniform(-0.3, 0.3), gy = rng.Uniform(-0.3, 0.3);
                    var noise = new ValueNoise(4, rng, 0.12);
                    Fill(canvas, (u, v) => baseColour.Scale(1.0 + (gx * (u - 0.5)) + (gy * (v - 0.5)) + noise.At(u, v)));
                    break;
                }

            case Kind.Stripes:
                {
                    double angle = rng.Uniform(0, Math.PI);
                    double period = rng.Uniform(0.12, 0.3);
                    double amplitude = rng.Uniform(0.05, 0.15);
                    double cos = PortableMath.Cos(angle), sin = PortableMath.Sin(angle);
                    Fill(canvas, (u, v) => baseColour.Scale(1.0 + (amplitude * PortableMath.Sin(2 * Math.PI * ((u * cos) + (v * sin)) / period))));
                    break;
                }

            case Kind.Clouds:
                {
                    var coarse = new ValueNoise(3, rng, 0.5);
                    var fine = new ValueNoise(7, rng, 0.2);
                    double mix = rng.Uniform(0.25, 0.5);
                    Fill(canvas, (u, v) => Colour.Mix(baseColour, second, Colour.Clamp(0.5 + ((coarse.At(u, v) + fine.At(u, v)) * mix))));
                    break;
                }

            default:
                {
                    double cx = rng.Uniform(0, 1), cy = rng.Uniform(0, 1);
                    double period = rng.Uniform(0.15, 0.35);
                    double amplitude = rng.Uniform(0.05, 0.14);
                    Fill(canvas, (u, v) =>
                    {
                        double r = Math.Sqrt(((u - cx) * (u - cx)) + ((v - cy) * (v - cy)));
                        return baseColour.Scale(1.0 + (amplitude * PortableMath.Sin(2 * Math.PI * r / period)));
                    });
                    break;
                }
        }

        return kind;
    }

    private static void Fill(Canvas canvas, Func<double, double, Colour> colourAt)
    {
        int size = canvas.Size;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                canvas.Set(x, y, colourAt((x + 0.5) / size, (y + 0.5) / size));
            }
        }
    }

    /// <summary>Bilinear value noise on a (grid + 1)^2 lattice of uniform values in [-amplitude, amplitude].</summary>
    private sealed class ValueNoise
    {
        private readonly int grid;
        private readonly double[] values;

        public ValueNoise(int grid, Pcg32 rng, double amplitude)
        {
            this.grid = grid;
            values = new double[(grid + 1) * (grid + 1)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = rng.Uniform(-amplitude, amplitude);
            }
        }

        public double At(double u, double v)
        {
            double fx = u * grid, fy = v * grid;
            int ix = Math.Min((int)fx, grid - 1), iy = Math.Min((int)fy, grid - 1);
            double tx = fx - ix, ty = fy - iy;
            // Smoothstep weights hide the lattice.
            tx = tx * tx * (3 - (2 * tx));
            ty = ty * ty * (3 - (2 * ty));
            int row = grid + 1;
            double top = Lerp(values[(iy * row) + ix], values[(iy * row) + ix + 1], tx);
            double bottom = Lerp(values[((iy + 1) * row) + ix], values[((iy + 1) * row) + ix + 1], tx);
            return Lerp(top, bottom, ty);
        }

        private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
    }
}
