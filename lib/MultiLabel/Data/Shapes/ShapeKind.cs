namespace MultiLabel.Data.Shapes;

/// <summary>The shape classes of the embedded dataset; the label names are the lower-case enum names.</summary>
public enum ShapeKind
{
    /// <summary>A filled disc.</summary>
    Circle,

    /// <summary>A filled square.</summary>
    Square,

    /// <summary>A filled equilateral triangle.</summary>
    Triangle,

    /// <summary>A plus-shaped cross.</summary>
    Cross,

    /// <summary>An annulus: a disc with a hole.</summary>
    Ring,

    /// <summary>A five-pointed star (the rare class).</summary>
    Star,
}
