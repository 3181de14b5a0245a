using System.Text;
using MultiLabel.Data;
using MultiLabel.Imaging;
using MultiLabel.Metrics;
using MultiLabel.Randomness;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of the parsers that read users' files: the label CSV of a folder dataset, the label and score
/// CSVs of <c>mlc evaluate</c>, and the image decoder. Random and mutated inputs (bounded in count; each input has
/// 10 s) must give data or the parser's own error naming the file: never another exception, a crash or a hang.
/// A failure names the seed and case, so it reproduces.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 300;
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    private static readonly string[] LabelCsvSeeds =
    [
        "fname,labels,split\na.png,cat dog,train\nb.png,,val\nc.png,dog,test\n",
        "fname,cat,dog\na.png,1,0\nb.png,0,1\n",
        "file,labels\n\"a b.png\",\"cat,dog\"\n",
    ];

    private static readonly string[] MetricCsvSeeds =
    [
        "cat,dog,owl\n1,0,1\n0,0,1\n1,1,0\n",
        "cat,dog,owl\n0.25,0.5,1e-3\n0.999999,0,1\n.5,0.75,0.125\n",
    ];

    [Fact]
    public void The_label_csv_parser_returns_data_or_names_the_file()
    {
        using var tmp = new TempDir();
        var rng = Pcg32.Derive(2026, 1);
        for (int i = 0; i < Cases; i++)
        {
            var path = tmp.Combine($"labels-{i}.csv");
            File.WriteAllBytes(path, Mutate(rng, Encoding.UTF8.GetBytes(LabelCsvSeeds[i % LabelCsvSeeds.Length]), text: true));
            Expect<DataFormatException>($"label csv, seed 2026, case {i}", path, () => LabelFile.Read(path), e => e.FileName);
        }
    }

    [Theory]
    [InlineData(CsvValues.Binary)]
    [InlineData(CsvValues.Probabilities)]
    [InlineData(CsvValues.Logits)]
    public void The_evaluate_csv_reader_returns_data_or_names_the_file(CsvValues kind)
    {
        using var tmp = new TempDir();
        var rng = Pcg32.Derive(2026, 2, (long)kind);
        for (int i = 0; i < Cases; i++)
        {
            var path = tmp.Combine($"m-{i}.csv");
            File.WriteAllBytes(path, Mutate(rng, Encoding.UTF8.GetBytes(MetricCsvSeeds[i % MetricCsvSeeds.Length]), text: true));
            Expect<InvalidDataException>($"evaluate csv ({kind}), seed 2026, case {i}", path, () => CsvMatrix.Read(path, kind).Dispose(), e => e.Message);
        }
    }

    [Fact]
    public void The_image_decoder_returns_an_image_or_names_the_file()
    {
        using var tmp = new TempDir();
        var rng = Pcg32.Derive(2026, 3);
        var seeds = new[] { 4, 9, 17 }.Select(size =>
        {
            var pixels = new byte[size * size * 3];
            for (int p = 0; p < pixels.Length; p++)
            {
                pixels[p] = (byte)rng.NextInt(256);
            }

            return PngCodec.Encode(new RgbImage(size, size, pixels));
        }).ToArray();
        for (int i = 0; i < Cases; i++)
        {
            var path = tmp.Combine($"img-{i}.png");
            File.WriteAllBytes(path, Mutate(rng, seeds[i % seeds.Length], text: false));
            Expect<ImageDecodeException>($"image, seed 2026, case {i}", path, () => ImageDecoder.DecodeRgb(path), e => e.FileName);
        }
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header_without_decoding()
    {
        using var tmp = new TempDir();
        // A valid PNG header claiming 60000 x 60000 pixels (3.6 billion), from a file on disk.
        var path = tmp.Combine("bomb.png");
        File.WriteAllBytes(path, MultiLabel.Tests.Imaging.TestImages.PngHeaderOnly(60_000, 60_000));

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeRgb(path));
        Assert.Contains("exceeds the limit", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.FileName);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20, "the header alone must refuse it");
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Check(path));
    }

    /// <summary>Runs <paramref name="parse"/>: success, or a <typeparamref name="TError"/> that names the file; within <see cref="PerInput"/>.</summary>
    private static void Expect<TError>(string what, string path, Action parse, Func<TError, string?> named)
        where TError : Exception
    {
        var task = Task.Run(() =>
        {
            try
            {
                parse();
                return null;
            }
            catch (TError e)
            {
                return named(e) is { } text && text.Contains(path, StringComparison.Ordinal) ? null : $"{what}: the error does not name the file: {e.Message}";
            }
            catch (Exception e)
            {
                return $"{what}: {e.GetType().Name} instead of {typeof(TError).Name}: {e}";
            }
        });
        Assert.True(task.Wait(PerInput), $"{what}: no answer within {PerInput.TotalSeconds} s (a hang)");
        Assert.True(task.Result is null, task.Result);
    }

    /// <summary>One to four mutations: flip, insert, delete, duplicate or truncate bytes (text: characters that matter to CSV).</summary>
    private static byte[] Mutate(Pcg32 rng, byte[] seed, bool text)
    {
        var bytes = new List<byte>(seed);
        byte[] alphabet = text ? Encoding.UTF8.GetBytes(",\n\r\"  ;01.5e-+NaInfity\t\0\u00e9x") : [0, 0xFF, 0x89, (byte)'I', (byte)'D', (byte)'A', (byte)'T'];
        for (int m = 0, count = 1 + rng.NextInt(4); m < count; m++)
        {
            int at = bytes.Count == 0 ? 0 : rng.NextInt(bytes.Count);
            switch (rng.NextInt(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << rng.NextInt(8));
                    break;
                case 1:
                    bytes.Insert(at, alphabet[rng.NextInt(alphabet.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 3 when bytes.Count > 0:
                    int length = Math.Min(bytes.Count - at, 1 + rng.NextInt(16));
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)rng.NextInt(256));
                    break;
            }
        }

        return [.. bytes];
    }
}
