namespace MultiLabel.Runtime;

/// <summary>
/// What this CPU can do for reduced precision, read from /proc/cpuinfo (Linux; elsewhere the flags are unknown):
/// AVX2, AVX-512, and the instructions that compute with bfloat16 or float16 directly (avx512_bf16, amx_bf16,
/// avx512_fp16). Without them libtorch still computes in bfloat16, by converting to float32 and back.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
/// <param name="Model">The CPU's model name, or "unknown".</param>
/// <param name="Flags">The CPU's feature flags (empty when unknown).</param>
public sealed record CpuFeatures(string Model, IReadOnlySet<string> Flags)
{
    /// <summary>Whether the flags could be read at all.</summary>
    public bool Known => Flags.Count > 0;

    /// <summary>AVX2 (256-bit vectors).</summary>
    public bool Avx2 => Flags.Contains("avx2");

    /// <summary>AVX-512 foundation (512-bit vectors).</summary>
    public bool Avx512 => Flags.Contains("avx512f");

    /// <summary>AVX-512 bfloat16 dot products (avx512_bf16).</summary>
    public bool Avx512Bf16 => Flags.Contains("avx512_bf16");

    /// <summary>AMX tiles with bfloat16 (amx_bf16).</summary>
    public bool AmxBf16 => Flags.Contains("amx_bf16");

    /// <summary>AVX-512 float16 arithmetic (avx512_fp16).</summary>
    public bool Avx512Fp16 => Flags.Contains("avx512_fp16");

    /// <summary>Whether the CPU computes in bfloat16 natively (avx512_bf16 or amx_bf16).</summary>
    public bool NativeBf16 => Avx512Bf16 || AmxBf16;

    /// <summary>This machine's CPU.</summary>
    public static CpuFeatures Current { get; } = Read("/proc/cpuinfo");

    /// <summary>Reads a cpuinfo file (its first processor's model name and flags); unknown when the file is missing.</summary>
    public static CpuFeatures Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new CpuFeatures("unknown", new HashSet<string>());
    }

    /// <summary>Parses the text of /proc/cpuinfo.</summary>
    public static CpuFeatures Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string model = "unknown";
        var flags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name" && model == "unknown")
            {
                model = value;
            }
            else if (key is "flags" or "Features" && flags.Count == 0)
            {
                flags.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return new CpuFeatures(model, flags);
    }

    /// <summary>One line: the model and the precision-related flags present or missing.</summary>
    public override string ToString() => !Known
        ? $"{Model}: CPU flags unknown on this system"
        : $"{Model}: avx2 {YesNo(Avx2)}, avx512f {YesNo(Avx512)}, avx512_bf16 {YesNo(Avx512Bf16)}, amx_bf16 {YesNo(AmxBf16)}, avx512_fp16 {YesNo(Avx512Fp16)}";

    private static string YesNo(bool value) => value ? "yes" : "no";
}
