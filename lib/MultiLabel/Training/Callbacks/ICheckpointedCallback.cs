using System.Text.Json;

namespace MultiLabel.Training.Callbacks;

/// <summary>A callback with state that a resumed run needs (a best metric, a count): saved in every checkpoint.</summary>
public interface ICheckpointedCallback
{
    /// <summary>The key of its state in the checkpoint (unique among a trainer's callbacks).</summary>
    string StateKey { get; }

    /// <summary>Its state now, as JSON.</summary>
    JsonElement SaveState();

    /// <summary>Restores the state <see cref="SaveState"/> wrote.</summary>
    /// <param name="state">The saved state.</param>
    /// <param name="runFolder">The folder of the checkpoint being resumed (where other run files are).</param>
    void LoadState(JsonElement state, string runFolder);
}
