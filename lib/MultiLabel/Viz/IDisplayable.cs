namespace MultiLabel.Viz;

/// <summary>A value that knows how to show itself in a notebook, a console or a saved page.</summary>
public interface IDisplayable
{
    /// <summary>The value's HTML and text forms.</summary>
    DisplayContent ToDisplayContent();
}
