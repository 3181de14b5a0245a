using System.Globalization;
using System.Runtime.CompilerServices;

namespace MultiLabel.Metrics;

/// <summary>
/// Parses a number written in UTF-8 without making a string: the common forms of a CSV of scores ("0.731058",
/// "-2.5e-3", "1") exactly, by the fast path of Clinger (an integer mantissa of at most 2^53 and a power of ten of at
/// most 10^22 are both exact doubles, so one multiplication or division rounds correctly), and everything else
/// (more digits, "NaN", "Infinity", "1e400") by <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
/// Either way the result is the double that <c>double.Parse</c> gives.
/// </summary>
internal static class Utf8Number
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The number in <paramref name="text"/> (no surrounding spaces), or false when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (TryFast(text, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryFast(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        ulong mantissa = 0;
        int digits = 0, scale = 0, seen = 0;
        for (; i < text.Length && IsDigit(text[i]); i++, seen++)
        {
            if (!Append(ref mantissa, ref digits, text[i]))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            for (i++; i < text.Length && IsDigit(text[i]); i++, seen++)
            {
                if (!Append(ref mantissa, ref digits, text[i]))
                {
                    return false;
                }

                scale--;
            }
        }

        if (seen == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == (byte)'e' || text[i] == (byte)'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }

            int exponent = 0, exponentDigits = 0;
            for (; i < text.Length && IsDigit(text[i]) && exponentDigits < 4; i++, exponentDigits++)
            {
                exponent = (exponent * 10) + (text[i] - '0');
            }

            if (exponentDigits == 0)
            {
                return false;
            }

            scale += negativeExponent ? -exponent : exponent;
        }

        if (i != text.Length || mantissa > (1UL << 53) || scale < -22 || scale > 22)
        {
            return false;
        }

        value = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Adds a digit to the mantissa; leading zeros cost nothing, more than 19 significant digits give up.</summary>
    private static bool Append(ref ulong mantissa, ref int digits, byte digit)
    {
        if (mantissa == 0 && digit == (byte)'0')
        {
            return true;
        }

        if (++digits > 19)
        {
            return false;
        }

        mantissa = (mantissa * 10) + (ulong)(digit - '0');
        return true;
    }
}
