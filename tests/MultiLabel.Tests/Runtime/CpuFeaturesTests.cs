using MultiLabel.Runtime;

namespace MultiLabel.Tests.Runtime;

public sealed class CpuFeaturesTests
{
    private const string Cpuinfo = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC 9B14
        flags		: fpu sse2 avx avx2 avx512f avx512_bf16 avx512vl

        processor	: 1
        model name	: AMD EPYC 9B14
        flags		: fpu sse2 avx avx2 avx512f avx512_bf16 avx512vl
        """;

    [Fact]
    public void Parse_reads_the_first_processors_model_and_flags()
    {
        var cpu = CpuFeatures.Parse(Cpuinfo);
        Assert.Equal("AMD EPYC 9B14", cpu.Model);
        Assert.True(cpu.Known && cpu.Avx2 && cpu.Avx512 && cpu.Avx512Bf16 && cpu.NativeBf16);
        Assert.False(cpu.AmxBf16 || cpu.Avx512Fp16);
        Assert.Equal("AMD EPYC 9B14: avx2 yes, avx512f yes, avx512_bf16 yes, amx_bf16 no, avx512_fp16 no", cpu.ToString());
    }

    [Fact]
    public void An_avx2_only_cpu_has_no_native_bf16_and_a_missing_file_is_unknown()
    {
        var cpu = CpuFeatures.Parse("model name : Some CPU\nflags : sse2 avx2 fma\n");
        Assert.True(cpu.Avx2);
        Assert.False(cpu.Avx512 || cpu.NativeBf16);

        var unknown = CpuFeatures.Read(Path.Combine(Path.GetTempPath(), $"no-cpuinfo-{Guid.NewGuid():N}"));
        Assert.False(unknown.Known);
        Assert.Equal("unknown: CPU flags unknown on this system", unknown.ToString());
    }
}
