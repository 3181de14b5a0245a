using MultiLabel.Registries;
using MultiLabel.Runtime;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// The precision a run computes in: fp32, bf16, fp16, or auto (bf16 where the device computes it natively, else
/// fp32). Whatever the choice, the master weights, the optimizer's state, batch-norm statistics and the loss stay in
/// float32 (see <see cref="MixedPrecision"/>); a recipe and <c>mlc train --precision</c> name it.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class PrecisionKind : IRegistryEntry
{
    private PrecisionKind(string name, string description, params string[] aliases)
    {
        Name = name;
        Description = description;
        Aliases = aliases;
    }

    /// <summary>Tests stand in another CPU (e.g. one with avx512_bf16), scoped to the calling flow.</summary>
    internal static readonly AsyncLocal<CpuFeatures?> CpuOverride = new();

    /// <summary>float32 everywhere.</summary>
    public static PrecisionKind Fp32 { get; } = new("fp32", "float32 everywhere", "float32", "32");

    /// <summary>bfloat16 forward and backward, float32 master weights (CPUs with avx512_bf16 or amx_bf16, and CUDA).</summary>
    public static PrecisionKind Bf16 { get; } = new("bf16", "bfloat16 compute, float32 master weights (CPU with avx512_bf16/amx_bf16, or CUDA)", "bfloat16");

    /// <summary>float16 forward and backward with dynamic loss scaling, float32 master weights (CUDA only).</summary>
    public static PrecisionKind Fp16 { get; } = new("fp16", "float16 compute with dynamic loss scaling, float32 master weights (CUDA only)", "float16", "half");

    /// <summary>bf16 where the device computes it natively (on a CPU: bf16 instructions and oneDNN on), else fp32.</summary>
    public static PrecisionKind Auto { get; } = new("auto", "bf16 where the device computes it natively (a CPU with bf16 instructions and oneDNN on, or CUDA), else fp32");

    /// <summary>The choices, the default first.</summary>
    public static Registry<PrecisionKind> All { get; } = new("precision", [Fp32, Bf16, Fp16, Auto]);

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>
    /// The compute type this choice means on <paramref name="device"/> (null: float32, no second copy of the model).
    /// </summary>
    /// <param name="device">Where the run computes.</param>
    /// <param name="cpu">The CPU's features (default: this machine's).</param>
    /// <param name="oneDnnEnabled">
    /// Whether oneDNN's CPU kernels are on (default: libtorch's flag now). Where <see cref="Runtime.ConvolutionCheck"/>
    /// turned them off, bf16 takes libtorch's generic kernels and is slower than fp32, so <see cref="Auto"/> picks fp32.
    /// </param>
    /// <exception cref="PrecisionUnavailableException">The device cannot compute in this precision (the message says why and what to use).</exception>
    public ScalarType? ComputeType(Device device, CpuFeatures? cpu = null, bool? oneDnnEnabled = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        cpu ??= CpuOverride.Value ?? CpuFeatures.Current;
        bool cuda = device.type == TorchSharp.DeviceType.CUDA;
        if (this == Fp32)
        {
            return null;
        }

        if (this == Auto)
        {
            return cuda || (cpu.NativeBf16 && (oneDnnEnabled ?? ConvolutionCheck.OneDnnEnabled) != false) ? ScalarType.BFloat16 : null;
        }

        if (this == Bf16)
        {
            return cuda || cpu.NativeBf16
                ? ScalarType.BFloat16
                : throw new PrecisionUnavailableException(
                    $"--precision bf16: this CPU ({cpu.Model}) has no bfloat16 instructions (avx512_bf16 or amx_bf16), so libtorch " +
                    "would convert every value to float32 and back, slower than fp32. Use --precision fp32, or auto (bf16 only where it is native).");
        }

        return cuda
            ? ScalarType.Float16
            : throw new PrecisionUnavailableException(
                "--precision fp16 needs a CUDA device (float16 on a CPU is emulated, and its loss scaling is meant for GPUs). Use bf16 or auto on a CPU.");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
