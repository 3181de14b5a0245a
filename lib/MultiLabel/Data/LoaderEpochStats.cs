namespace MultiLabel.Data;

/// <summary>
/// How one pass over a <see cref="DataLoader"/> went, measured from the consumer's side.
/// </summary>
/// <param name="Epoch">The epoch number passed to <see cref="DataLoader.Epoch"/>.</param>
/// <param name="Batches">Batches handed out.</param>
/// <param name="Samples">Samples in those batches.</param>
/// <param name="Seconds">Wall time from the first request to the end of the pass (the consumer's work included).</param>
/// <param name="WaitSeconds">Time the consumer spent blocked waiting for a batch that was not ready yet.</param>
/// <param name="UnguardedCollections">
/// Training steps during which the runtime had to collect garbage although workers were running (the step allocated
/// more than the guard's budget; see the remarks of <see cref="DataLoader"/>). 0 in a healthy run.
/// </param>
public sealed record LoaderEpochStats(int Epoch, int Batches, long Samples, double Seconds, double WaitSeconds, int UnguardedCollections)
{
    /// <summary>The fraction of the pass the consumer (the trainer) waited for data: 0 means the loader kept up.</summary>
    public double WaitFraction => Seconds > 0 ? WaitSeconds / Seconds : 0;
}
