using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// How the metric kernels run. On the CPU the run scans are single managed passes over the tensors' memory (no
/// copies); elsewhere they are tensor operations. Tests shrink the blocks to cross every block boundary and force
/// the tensor path on the CPU, so both paths are checked against the same scikit-learn fixtures.
/// </summary>
/// <param name="ElementBudget">Elements one tensor step handles at most (bounds temporary memory).</param>
/// <param name="TensorScan">Scan runs with tensor operations even on the CPU.</param>
internal sealed record KernelOptions(long ElementBudget, bool TensorScan = false)
{
    /// <summary>2M elements per step (a few tens of MB of temporaries), managed scans on the CPU.</summary>
    public static KernelOptions Default { get; } = new(1L << 21);

    /// <summary>Whether tensors on this device are scanned by the managed loop.</summary>
    public bool ScansManaged(Tensor t) => !TensorScan && t.device_type == DeviceType.CPU;
}
