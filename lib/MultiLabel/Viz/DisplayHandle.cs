namespace MultiLabel.Viz;

/// <summary>Something shown by <see cref="Display.Show"/>; <see cref="Update"/> replaces it in place.</summary>
public sealed class DisplayHandle
{
    private readonly IDisplaySink sink;

    internal DisplayHandle(IDisplaySink sink, string id)
    {
        this.sink = sink;
        Id = id;
    }

    /// <summary>The display id (unique within the process).</summary>
    public string Id { get; }

    /// <summary>Replaces the shown value with <paramref name="value"/> (same rules as <see cref="Display.Show"/>).</summary>
    public void Update(object value) => sink.Update(Id, Display.ContentOf(value));
}
