using System.Runtime;

namespace MultiLabel.Data;

/// <summary>
/// Makes background workers safe next to TorchSharp. TorchSharp 0.107 passes raw handles to native code, so a
/// temporary <c>Scalar</c> (the <c>1</c> in <c>t.add_(1)</c>, created by an implicit conversion) can be finalized
/// by a garbage collection that another thread triggers while the native call still uses it; the call then reads
/// freed memory ("For integral input tensors, argument alpha must not be a floating point number", or worse).
/// A single-threaded program never sees this, because a collection can only start at one of its own allocations.
/// With loader workers, collections happen only at batch boundaries: workers hold the shared side of a gate while
/// they touch tensors; at each boundary the consumer, which is between training steps, takes the exclusive side,
/// ends the previous no-GC region and starts a new one (collecting now, while no thread is inside native code), so
/// no collection can interrupt the next training step or the workers' tensor calls as long as the step allocates
/// less than the region's budget. If a step allocates more, the runtime collects anyway; the guard counts that and
/// doubles the budget for the next steps.
/// </summary>
internal sealed class GcGuard
{
    private const long InitialBudget = 128L << 20;
    private const long MaxBudget = 1L << 30;
    private static readonly ReaderWriterLockSlim Gate = new(LockRecursionPolicy.NoRecursion);
    private static readonly Lock Sync = new();
    private static GcGuard? owner;
    private static long budget = InitialBudget;

    /// <summary>Steps during which the runtime collected despite the region (budget exceeded).</summary>
    public int UnguardedCollections { get; private set; }

    /// <summary>Runs a worker's tensor work while no boundary collection can start.</summary>
    public static T WorkerSection<T>(Func<T> work)
    {
        Gate.EnterReadLock();
        try
        {
            return work();
        }
        finally
        {
            Gate.ExitReadLock();
        }
    }

    /// <summary>Called by the consumer between steps: waits for the workers' current tensor calls, collects and opens a new region.</summary>
    public void Boundary()
    {
        Gate.EnterWriteLock();
        try
        {
            lock (Sync)
            {
                if (owner is not null && owner != this)
                {
                    // Another enumeration's region is open; it protects us too.
                    return;
                }

                CloseRegion();
                try
                {
                    if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(budget))
                    {
                        owner = this;
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
                {
                    // A region opened elsewhere, or the budget is too large for this runtime: run unguarded.
                }
            }
        }
        finally
        {
            Gate.ExitWriteLock();
        }
    }

    /// <summary>Called by the consumer when the enumeration ends.</summary>
    public void End()
    {
        lock (Sync)
        {
            CloseRegion();
        }
    }

    private void CloseRegion()
    {
        if (owner != this)
        {
            return;
        }

        owner = null;
        bool intact = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        if (intact)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                intact = false;
            }
        }

        if (!intact)
        {
            UnguardedCollections++;
            budget = Math.Min(MaxBudget, budget * 2);
        }
    }
}
