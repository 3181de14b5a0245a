using System.Text;
using MultiLabel.Cli;
using MultiLabel.Cli.Commands.Bench;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

public sealed class BenchMetricsCommandTests
{
    [Fact]
    public void Bench_prints_a_table_of_measurements()
    {
        var (code, output) = InProcessMlc.Run("bench", "metrics", "--rows", "3000", "--labels", "6", "--repeat", "1", "--no-sklearn", "--device", "cpu");
        Assert.True(code == ExitCodes.Ok, output);
        foreach (var row in new[] { "all metrics, one call", "streaming", "threshold tuning", "threshold sweep", "3,000 x 6" })
        {
            Assert.Contains(row, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Npy_files_have_a_valid_header_and_the_raw_data()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.npy");
        NpyFile.Write(path, new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Contains("'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", Encoding.ASCII.GetString(bytes, 10, headerLength), StringComparison.Ordinal);
        Assert.Equal(6f, BitConverter.ToSingle(bytes, 10 + headerLength + 20));
    }
}
