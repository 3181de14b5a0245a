using MultiLabel.Randomness;

namespace MultiLabel.Tests.Data;

public sealed class Pcg32Tests
{
    [Fact]
    public void Matches_the_reference_pcg32_sequence()
    {
        // pcg32_srandom_r(&rng, 42u, 54u) from the PCG reference implementation (pcg32-demo) prints these values.
        var rng = new Pcg32(42, 54);
        uint[] expected = [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e];
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(_ => rng.NextUInt()));
    }

    [Fact]
    public void NextInt_is_uniform_enough_and_in_range()
    {
        var rng = Pcg32.Derive(1, 2, 3);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Derived_streams_differ_by_path()
    {
        Assert.NotEqual(Pcg32.Derive(1, 2).NextUInt(), Pcg32.Derive(1, 3).NextUInt());
        Assert.Equal(Pcg32.Derive(1, 2).NextUInt(), Pcg32.Derive(1, 2).NextUInt());
    }
}
