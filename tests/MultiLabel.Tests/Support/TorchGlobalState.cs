namespace MultiLabel.Tests.Support;

/// <summary>
/// Tests that use TorchSharp's process-global state (the global generator seeded by manual_seed, the thread count)
/// run one at a time in this collection, so a seeded run is not disturbed by another test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "torch-global-state";
}
