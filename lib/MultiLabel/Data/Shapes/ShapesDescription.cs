namespace MultiLabel.Data.Shapes;

/// <summary>What an image of the shapes dataset shows, without its pixels: cheap to compute for any index.</summary>
/// <param name="Name">The file name, e.g. <c>shapes_00042.png</c>.</param>
/// <param name="Shapes">The shapes drawn, bottom to top (a kind may repeat).</param>
/// <param name="Split">The split the image belongs to.</param>
public sealed record ShapesDescription(string Name, IReadOnlyList<ShapeKind> Shapes, Split Split)
{
    /// <summary>The label names present, in vocabulary order.</summary>
    public IReadOnlyList<string> LabelNames => Shapes.Distinct().Order().Select(ShapesGenerator.LabelName).ToList();
}
