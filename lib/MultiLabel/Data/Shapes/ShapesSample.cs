namespace MultiLabel.Data.Shapes;

/// <summary>One generated image: RGB bytes (size x size x 3), the set of shapes it shows and its split.</summary>
public sealed record ShapesSample(string Name, int Size, byte[] Pixels, IReadOnlyList<ShapeKind> Shapes, Split Split)
{
    /// <summary>The label names present, in vocabulary order.</summary>
    public IEnumerable<string> LabelNames => Shapes.Distinct().Order().Select(ShapesGenerator.LabelName);
}
