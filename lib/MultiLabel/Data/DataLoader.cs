using System.Diagnostics;
using MultiLabel.Augment;
using MultiLabel.Randomness;
using static TorchSharp.torch;

namespace MultiLabel.Data;

/// <summary>
/// Groups a dataset into batches. With <c>shuffle</c> the order differs every epoch yet is reproducible: epoch e's
/// order is a function of (seed, e) only. Each sample's transform gets its own generator derived from
/// (seed, epoch, index), so augmentation is per sample and repeatable. With <c>workers</c> &gt; 0, background
/// threads decode and augment the next batches while the consumer trains on the current one; batches still come
/// out in order and are identical whatever the number of workers. With a <see cref="WeightedSampler"/>, each epoch
/// draws its samples with replacement instead (resampling, taught in notebooks/09-imbalance.ipynb).
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
/// <remarks>
/// A batch's tensors belong to no dispose scope (workers build them in scopes of their own thread and detach the
/// result): the consumer disposes each batch. Batches built ahead but never handed out (the consumer stopped early)
/// are disposed when the enumeration ends. Always finish or dispose the enumerator (foreach does) so the workers stop.
/// TorchSharp 0.107 is not safe when one thread allocates while another is inside a native call that uses a
/// temporary Scalar (a garbage collection can free the Scalar mid-call); with workers, the loader therefore confines
/// garbage collections to batch boundaries (see <c>GcGuard</c>). Consume the batches from one thread, and do not run
/// other allocating threads next to training.
/// </remarks>
public sealed class DataLoader
{
    private const long OrderStream = 0x5348_5546;
    private const long TransformStream = 0x4155_474D;
    private readonly IImageDataset dataset;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">A new order every epoch (training) or dataset order (evaluation).</param>
    /// <param name="seed">Seeds the order and the per-sample transforms.</param>
    /// <param name="dropLast">Drop the last, smaller batch (keeps BatchNorm statistics stable).</param>
    /// <param name="transform">Optional per-sample transform of a [3,H,W] image (see <see cref="Transforms"/>).</param>
    /// <param name="workers">Background threads that build batches; 0 builds each batch on the consumer's thread when asked.</param>
    /// <param name="prefetch">Batches built ahead of the consumer at most; 0 means twice the workers.</param>
    /// <param name="sampler">
    /// With <paramref name="shuffle"/>: each epoch draws its samples with replacement from this sampler instead of
    /// permuting them (one weight per sample of <paramref name="dataset"/>); null: a permutation.
    /// </param>
    public DataLoader(
        IImageDataset dataset, int batchSize, bool shuffle, long seed = 0, bool dropLast = false, ITransform? transform = null, int workers = 0, int prefetch = 0,
        WeightedSampler? sampler = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        if (sampler is not null && (!shuffle || sampler.Count != dataset.Count))
        {
            throw new ArgumentException(
                $"A sampler needs shuffle: true and one weight per sample ({sampler.Count} weights for {dataset.Count} samples).", nameof(sampler));
        }

        this.dataset = dataset;
        Sampler = sampler;
        Transform = transform;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Workers = workers;
        Prefetch = workers == 0 ? 0 : prefetch == 0 ? 2 * workers : prefetch;
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch has its own order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of orders and transforms.</summary>
    public long Seed { get; }

    /// <summary>Whether the last incomplete batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The per-sample transform, if any.</summary>
    public ITransform? Transform { get; }

    /// <summary>Background threads building batches (0: built on demand by the consumer).</summary>
    public int Workers { get; }

    /// <summary>Most batches built ahead of the consumer.</summary>
    public int Prefetch { get; }

    /// <summary>The dataset.</summary>
    public IImageDataset Dataset => dataset;

    /// <summary>The weighted sampler that draws each epoch's samples, or null for a permutation.</summary>
    public WeightedSampler? Sampler { get; }

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount => DropLast ? dataset.Count / BatchSize : (dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Timing of the last finished (or abandoned) pass, for the data-wait fraction; null before the first.</summary>
    public LoaderEpochStats? LastEpoch { get; private set; }

    /// <summary>The sample order of epoch <paramref name="epoch"/>.</summary>
    public int[] Order(int epoch)
    {
        if (!Shuffle)
        {
            return Enumerable.Range(0, dataset.Count).ToArray();
        }

        return Sampler is null ? Pcg32.Derive(Seed, OrderStream, epoch).Permutation(dataset.Count) : Sampler.Draw(Seed, epoch);
    }

    /// <summary>The batches of epoch <paramref name="epoch"/>, built lazily or by the workers. Dispose each batch after use.</summary>
    public IEnumerable<Batch> Epoch(int epoch, CancellationToken cancellationToken = default)
    {
        var order = Order(epoch);
        using IBatchSource source = Workers == 0 ? new OnDemandSource(this, order, epoch) : new PrefetchSource(this, order, epoch, cancellationToken);
        var clock = Stopwatch.StartNew();
        double waited = 0;
        int consumed = 0;
        long samples = 0;
        try
        {
            for (int b = 0; b < BatchCount; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                var batch = source.Take(b, cancellationToken);
                waited += Stopwatch.GetElapsedTime(start).TotalSeconds;
                consumed++;
                samples += batch.Size;
                yield return batch;
            }
        }
        finally
        {
            source.Stop(consumed);
            LastEpoch = new LoaderEpochStats(epoch, consumed, samples, clock.Elapsed.TotalSeconds, waited, source.UnguardedCollections);
        }
    }

    /// <summary>Builds batch <paramref name="batchIndex"/> of epoch <paramref name="epoch"/> on the calling thread.</summary>
    public Batch MakeBatch(int epoch, int batchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batchIndex, BatchCount);
        return MakeBatch(Order(epoch), epoch, batchIndex);
    }

    private Batch MakeBatch(int[] order, int epoch, int batchIndex, bool guarded = false)
    {
        int start = batchIndex * BatchSize;
        int[] indices = order[start..Math.Min(start + BatchSize, order.Length)];
        int labelCount = dataset.Labels.Count;
        var targets = new float[indices.Length * labelCount];
        for (int i = 0; i < indices.Length; i++)
        {
            dataset.GetTarget(indices[i]).CopyTo(targets.AsSpan(i * labelCount));
        }

        // Each sample's tensor work runs inside the guard's shared section (see GcGuard), one sample at a time so a
        // boundary never waits for more than one sample.
        var images = new Tensor[indices.Length];
        try
        {
            for (int i = 0; i < indices.Length; i++)
            {
                int index = indices[i];
                long key = TransformKey(index, start + i);
                images[i] = guarded ? GcGuard.WorkerSection(() => Sample(index, epoch, key)) : Sample(index, epoch, key);
                if (i > 0 && !images[i].shape.SequenceEqual(images[0].shape))
                {
                    throw new InvalidOperationException(
                        $"Images in one batch differ in size: '{dataset.GetName(indices[0])}' is [{string.Join(",", images[0].shape)}], " +
                        $"'{dataset.GetName(index)}' is [{string.Join(",", images[i].shape)}]. Add a transform that gives every image " +
                        "the same size (Transforms.FixedSize, Resize + CenterCrop, RandomResizedCrop).");
                }
            }

            Batch Assemble()
            {
                var stacked = stack(images);
                var targetTensor = tensor(targets, [indices.Length, labelCount]);
                return new Batch(stacked, targetTensor, indices);
            }

            return guarded ? GcGuard.WorkerSection(Assemble) : Assemble();
        }
        finally
        {
            foreach (var image in images)
            {
                image?.Dispose();
            }
        }
    }

    /// <summary>
    /// What a sample's transform generator is derived from besides (seed, epoch): its index, or with a sampler its
    /// position in the epoch's draws, so two draws of one image are augmented independently.
    /// </summary>
    private long TransformKey(int index, int position) => Sampler is null ? index : (long)dataset.Count + position;

    /// <summary>One sample's image after its transform, owned by no dispose scope.</summary>
    private Tensor Sample(int index, int epoch, long key)
    {
        using var scope = NewDisposeScope();
        var image = dataset.GetImage(index);
        if (Transform is not null)
        {
            image = Transform.Apply(image, Pcg32.Derive(Seed, TransformStream, epoch, key));
        }

        return image.contiguous().MoveToOuterDisposeScope();
    }
    /// <summary>Where the consumer's batches come from.</summary>
    private interface IBatchSource : IDisposable
    {
        int UnguardedCollections { get; }

        Batch Take(int batchIndex, CancellationToken cancellationToken);

        /// <summary>Stops producing; disposes batches built but never taken (from <paramref name="consumed"/> on).</summary>
        void Stop(int consumed);
    }

    /// <summary>No workers: each batch is built on the consumer's thread when asked for.</summary>
    private sealed class OnDemandSource(DataLoader loader, int[] order, int epoch) : IBatchSource
    {
        public int UnguardedCollections => 0;

        public Batch Take(int batchIndex, CancellationToken cancellationToken) => loader.MakeBatch(order, epoch, batchIndex);

        public void Stop(int consumed)
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Worker threads build batches in order into slots, at most <see cref="Prefetch"/> ahead of the consumer; every
    /// taken batch is a GC boundary (see <see cref="GcGuard"/>).
    /// </summary>
    private sealed class PrefetchSource : IBatchSource
    {
        private readonly DataLoader loader;
        private readonly int[] order;
        private readonly int epoch;
        private readonly TaskCompletionSource<Batch>[] slots;
        private readonly CancellationTokenSource stop;
        private readonly SemaphoreSlim window;
        private readonly GcGuard guard = new();
        private readonly Thread[] threads;
        private int next = -1;

        public PrefetchSource(DataLoader loader, int[] order, int epoch, CancellationToken cancellationToken)
        {
            this.loader = loader;
            this.order = order;
            this.epoch = epoch;
            slots = new TaskCompletionSource<Batch>[loader.BatchCount];
            for (int b = 0; b < slots.Length; b++)
            {
                slots[b] = new TaskCompletionSource<Batch>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window = new SemaphoreSlim(loader.Prefetch);

            // Open the first no-GC region before any worker touches a tensor.
            guard.Boundary();
            threads = new Thread[loader.Workers];
            for (int w = 0; w < threads.Length; w++)
            {
                threads[w] = new Thread(Work) { IsBackground = true, Name = $"mlc-loader-{w}" };
                threads[w].Start();
            }
        }

        public int UnguardedCollections => guard.UnguardedCollections;

        public Batch Take(int batchIndex, CancellationToken cancellationToken)
        {
            var batch = slots[batchIndex].Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
            guard.Boundary();
            window.Release();
            return batch;
        }

        public void Stop(int consumed)
        {
            stop.Cancel();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            guard.End();
            for (int b = consumed; b < slots.Length; b++)
            {
                if (slots[b].Task.IsCompletedSuccessfully)
                {
                    slots[b].Task.Result.Dispose();
                }
            }
        }

        public void Dispose()
        {
            stop.Dispose();
            window.Dispose();
        }

        private void Work()
        {
            try
            {
                while (true)
                {
                    window.Wait(stop.Token);
                    int b = Interlocked.Increment(ref next);
                    if (b >= slots.Length)
                    {
                        return;
                    }

                    try
                    {
                        slots[b].SetResult(loader.MakeBatch(order, epoch, b, guarded: true));
                    }
                    catch (Exception ex)
                    {
                        slots[b].SetException(ex);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped: leave quietly.
            }
        }
    }
}
