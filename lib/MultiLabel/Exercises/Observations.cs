namespace MultiLabel.Exercises;

/// <summary>An observation of an answer that returns a whole number.</summary>
/// <param name="Value">What it returned.</param>
public sealed record IntegerObservation(long Value);

/// <summary>An observation of an answer that returns a real number.</summary>
/// <param name="Value">What it returned (NaN and infinities allowed).</param>
public sealed record NumberObservation(double Value);

/// <summary>An observation of an answer that returns strings.</summary>
/// <param name="Values">What it returned, in order.</param>
public sealed record StringsObservation(string[] Values);

/// <summary>An observation of an answer that returns a matrix (a .NET 2-D array, stored as rows).</summary>
/// <param name="Rows">The rows.</param>
public sealed record MatrixObservation(double[][] Rows)
{
    /// <summary>The rows of a 2-D array.</summary>
    public static MatrixObservation From(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new MatrixObservation([.. Enumerable.Range(0, matrix.GetLength(0)).Select(i => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]).ToArray())]);
    }
}

/// <summary>An observation of an answer that returns a tensor.</summary>
/// <param name="Result">The tensor's shape, dtype and values.</param>
public sealed record TensorObservation(TensorData Result);
