using System.Globalization;
using static TorchSharp.torch;

namespace MultiLabel.Exercises;

/// <summary>
/// A tensor as plain data: its shape, its dtype's name and its values (as doubles, row-major). Case inputs and
/// observations hold tensors this way, so they serialize (<see cref="ExerciseJson"/>) and never hold native memory.
/// </summary>
/// <param name="Shape">The size of each dimension.</param>
/// <param name="Dtype">The <see cref="ScalarType"/> name, e.g. <c>Float32</c>.</param>
/// <param name="Values">The values in row-major order (NaN and infinities allowed).</param>
public sealed record TensorData(long[] Shape, string Dtype, double[] Values)
{
    /// <summary>The number of values.</summary>
    public int Count => Values.Length;

    /// <summary>The shape as text: <c>[2, 3]</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>The shape as text: <c>[2, 3]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>Copies a tensor's shape, dtype and values (detached, from any device).</summary>
    public static TensorData From(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();
        return new TensorData(tensor.shape, tensor.dtype.ToString(), values);
    }

    /// <summary>A Float32 tensor's data.</summary>
    public static TensorData OfFloats(long[] shape, IEnumerable<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TensorData(shape, nameof(ScalarType.Float32), [.. values.Select(v => (double)v)]);
    }

    /// <summary>A Float64 tensor's data.</summary>
    public static TensorData OfDoubles(long[] shape, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TensorData(shape, nameof(ScalarType.Float64), [.. values]);
    }

    /// <summary>A new tensor (on the CPU) with this shape, dtype and values; the caller owns it.</summary>
    public Tensor ToTensor()
    {
        var dtype = Enum.Parse<ScalarType>(Dtype);
        using var scope = NewDisposeScope();
        var result = tensor(Values, Shape).to(dtype);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The values as float32 (e.g. for a .NET array input).</summary>
    public float[] ToFloats() => [.. Values.Select(v => (float)v)];
}
