using MultiLabel.Randomness;

namespace MultiLabel.Data.Shapes;

/// <summary>An RGB colour with components in [0, 1].</summary>
internal readonly record struct Colour(double R, double G, double B)
{
    /// <summary>Rec. 601 luma.</summary>
    public double Luma => (0.299 * R) + (0.587 * G) + (0.114 * B);

    public Colour Scale(double k) => new(Clamp(R * k), Clamp(G * k), Clamp(B * k));

    public static double Clamp(double v) => v < 0 ? 0 : v > 1 ? 1 : v;

    /// <summary>(1 - t) a + t b.</summary>
    public static Colour Mix(Colour a, Colour b, double t) =>
        new(a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

    /// <summary>HSV (all in [0,1]) to RGB.</summary>
    public static Colour FromHsv(double h, double s, double v)
    {
        double h6 = (h - Math.Floor(h)) * 6;
        int sector = (int)h6 % 6;
        double f = h6 - Math.Floor(h6);
        double p = v * (1 - s), q = v * (1 - (s * f)), t = v * (1 - (s * (1 - f)));
        return sector switch
        {
            0 => new Colour(v, t, p),
            1 => new Colour(q, v, p),
            2 => new Colour(p, v, t),
            3 => new Colour(p, q, v),
            4 => new Colour(t, p, v),
            _ => new Colour(v, p, q),
        };
    }
}

/// <summary>A float RGB canvas that the generator paints on, then quantises to 8-bit.</summary>
internal sealed class Canvas
{
    private readonly double[] rgb;

    public Canvas(int size)
    {
        Size = size;
        rgb = new double[size * size * 3];
    }

    public int Size { get; }

    public void Set(int x, int y, Colour c)
    {
        int i = 3 * ((y * Size) + x);
        rgb[i] = c.R;
        rgb[i + 1] = c.G;
        rgb[i + 2] = c.B;
    }

    public void Blend(int x, int y, Colour c, double alpha)
    {
        int i = 3 * ((y * Size) + x);
        rgb[i] += (c.R - rgb[i]) * alpha;
        rgb[i + 1] += (c.G - rgb[i + 1]) * alpha;
        rgb[i + 2] += (c.B - rgb[i + 2]) * alpha;
    }

    public double Luma(int x, int y)
    {
        int i = 3 * ((y * Size) + x);
        return (0.299 * rgb[i]) + (0.587 * rgb[i + 1]) + (0.114 * rgb[i + 2]);
    }

    public void AddUniformNoise(Pcg32 rng, double amplitude)
    {
        if (amplitude <= 0)
        {
            return;
        }

        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] += rng.Uniform(-amplitude, amplitude);
        }
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[rgb.Length];
        for (int i = 0; i < rgb.Length; i++)
        {
            bytes[i] = (byte)Math.Round(Colour.Clamp(rgb[i]) * 255.0, MidpointRounding.AwayFromZero);
        }

        return bytes;
    }
}
