using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MultiLabel.Training;

/// <summary>
/// Mixed-precision training without autocast (TorchSharp 0.107 has none): the model the optimizer updates (the
/// master) stays float32, and a second copy of it (the replica) computes the forward and backward pass in
/// bfloat16 or float16, with its normalisation layers (batch norm and its running statistics) kept in float32.
/// Each step: the master's weights are cast into the replica (<see cref="Forward"/>), the logits come back as
/// float32 so the loss is computed in float32, and after <c>backward</c> the replica's gradients are added to the
/// master's in float32 (<see cref="MoveGradientsToMaster"/>; divided by the loss scale for float16, which
/// <see cref="LossScaler"/> adjusts), and the replica's batch-norm statistics are copied back. The master is all
/// that a checkpoint, the best weights, validation and prediction ever see, so they work in every precision.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class MixedPrecision : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> master;
    private readonly (Parameter Master, Parameter Replica)[] parameters;
    private readonly (Tensor Master, Tensor Replica)[] buffers;

    /// <summary>Builds the replica of <paramref name="master"/> in <paramref name="computeType"/> on the master's device.</summary>
    /// <param name="master">The float32 model the optimizer updates.</param>
    /// <param name="replica">A fresh model of the same architecture (its weights are overwritten); this object owns it.</param>
    /// <param name="computeType">BFloat16 or Float16.</param>
    /// <param name="device">The device of the master.</param>
    /// <param name="channelsLast">Compute with channels-last convolution weights and inputs (see <see cref="ChannelsLast"/>).</param>
    /// <exception cref="ArgumentException">The two models do not have the same parameters and buffers, or the type is not a 16-bit float.</exception>
    public MixedPrecision(nn.Module<Tensor, Tensor> master, nn.Module<Tensor, Tensor> replica, ScalarType computeType, Device device, bool channelsLast = false)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentNullException.ThrowIfNull(device);
        if (computeType is not (ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentException($"The compute type must be BFloat16 or Float16, not {computeType}.", nameof(computeType));
        }

        this.master = master;
        Replica = replica;
        ComputeType = computeType;
        replica.to(device).to(computeType);
        foreach (var (_, module) in replica.named_modules())
        {
            if (IsNormalisation(module))
            {
                module.to(ScalarType.Float32); // normalisation layers and their statistics stay float32
            }
        }

        if (channelsLast)
        {
            ChannelsLast.Apply(replica);
        }

        IsChannelsLast = channelsLast;
        parameters = Pair(master.named_parameters().ToArray(), replica.named_parameters().ToArray()) ??
            throw new ArgumentException(Mismatch, nameof(replica));
        buffers = Pair(master.named_buffers().ToArray(), replica.named_buffers().ToArray()) ??
            throw new ArgumentException(Mismatch, nameof(replica));
        Scaler = computeType == ScalarType.Float16 ? new LossScaler() : null;
        SyncFromMaster();
    }

    /// <summary>The copy that computes in <see cref="ComputeType"/>.</summary>
    public nn.Module<Tensor, Tensor> Replica { get; }

    /// <summary>BFloat16 or Float16.</summary>
    public ScalarType ComputeType { get; }

    /// <summary>Whether the replica computes with channels-last weights and inputs.</summary>
    public bool IsChannelsLast { get; }

    /// <summary>float16's dynamic loss scale; null for bfloat16, whose range is float32's.</summary>
    public LossScaler? Scaler { get; }

    /// <summary>Whether a module is a normalisation layer, kept in float32.</summary>
    public static bool IsNormalisation(nn.Module module) =>
        module is TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d or TorchSharp.Modules.BatchNorm3d or TorchSharp.Modules.LayerNorm or TorchSharp.Modules.GroupNorm;

    /// <summary>Copies every weight and buffer of the master into the replica (and the master's train/eval mode and frozen parameters).</summary>
    public void SyncFromMaster()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (m, r) in parameters)
        {
            r.copy_(m);
            r.requires_grad = m.requires_grad;
        }

        foreach (var (m, r) in buffers)
        {
            r.copy_(m);
        }
    }

    /// <summary>
    /// The forward pass of a training step: casts the master's weights into the replica, runs it on
    /// <paramref name="images"/> in the compute type, and returns float32 logits (so the loss is float32).
    /// </summary>
    public Tensor Forward(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using (no_grad())
        {
            foreach (var (m, r) in parameters)
            {
                r.copy_(m);
            }
        }

        Replica.train(master.training);
        var low = images.to(ComputeType);
        return Replica.call(IsChannelsLast ? ChannelsLast.Of(low) : low).to(ScalarType.Float32);
    }

    /// <summary>
    /// After <c>backward</c>: adds the replica's gradients to the master's in float32 (unscaled for float16), clears
    /// the replica's, and copies the replica's batch-norm statistics back to the master. Returns false when a
    /// float16 gradient overflowed (the step must be skipped: <see cref="LossScaler.Update"/> lowers the scale).
    /// </summary>
    public bool MoveGradientsToMaster()
    {
        bool finite = true;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            double unscale = Scaler is null ? 1.0 : 1.0 / Scaler.Scale;
            foreach (var (m, r) in parameters)
            {
                if (r.grad is not { } low)
                {
                    continue;
                }

                var g = low.to(ScalarType.Float32);
                if (Scaler is not null)
                {
                    g.mul_(unscale);
                    finite &= g.isfinite().all().item<bool>();
                }

                if (m.grad is { } existing)
                {
                    existing.add_(g);
                }
                else
                {
                    m.grad = g.clone().MoveToOuterDisposeScope(); // owned by the parameter from now on
                }

                r.grad = null;
            }

            foreach (var (m, r) in buffers)
            {
                m.copy_(r);
            }
        }

        return finite;
    }

    /// <inheritdoc />
    public void Dispose() => Replica.Dispose();

    private const string Mismatch = "The replica's parameters or buffers are not the master's (names and shapes): build it with the same architecture.";

    /// <summary>The tensors of both models paired by name, or null when their names or shapes differ.</summary>
    private static (TTensor Master, TTensor Replica)[]? Pair<TTensor>((string Name, TTensor Tensor)[] left, (string Name, TTensor Tensor)[] right)
        where TTensor : Tensor =>
        left.Length == right.Length && left.Zip(right).All(p => p.First.Name == p.Second.Name && p.First.Tensor.shape.SequenceEqual(p.Second.Tensor.shape))
            ? [.. left.Zip(right, (l, r) => (l.Tensor, r.Tensor))]
            : null;
}
