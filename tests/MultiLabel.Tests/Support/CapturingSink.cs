using MultiLabel.Viz;

namespace MultiLabel.Tests.Support;

/// <summary>A display sink that records what was shown and updated; <see cref="Install"/> makes it current until disposed.</summary>
internal sealed class CapturingSink : IDisplaySink
{
    public List<(string Id, DisplayContent Content)> Shown { get; } = [];

    public List<(string Id, DisplayContent Content)> Updated { get; } = [];

    public void Show(string displayId, DisplayContent content) => Shown.Add((displayId, content));

    public void Update(string displayId, DisplayContent content) => Updated.Add((displayId, content));

    /// <summary>Makes a new capturing sink current; disposing the scope restores the previous sink.</summary>
    public static Scope Install() => new(new CapturingSink());

    internal sealed class Scope : IDisposable
    {
        private readonly IDisplaySink previous = Display.Sink;

        public Scope(CapturingSink sink)
        {
            Sink = sink;
            Display.Use(sink);
        }

        public CapturingSink Sink { get; }

        public void Dispose() => Display.Use(previous);
    }
}

/// <summary>Tests that replace the process-wide display sink or environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DisplayGlobalState
{
    public const string Name = "display-global-state";
}
