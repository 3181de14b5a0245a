using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Data;

public sealed class DataLoaderWorkerTests
{
    private static InMemoryImageDataset Dataset() =>
        ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 90, ImageSize: 32, Seed: 1, ValFraction: 0, TestFraction: 0.01)), Split.Train);

    private static List<(float[] Images, float[] Targets, int[] Indices)> Collect(DataLoader loader, int epoch)
    {
        var result = new List<(float[], float[], int[])>();
        foreach (var batch in loader.Epoch(epoch))
        {
            using (batch)
            {
                result.Add((batch.Images.data<float>().ToArray(), batch.Targets.data<float>().ToArray(), batch.Indices.ToArray()));
            }
        }

        return result;
    }

    [Fact]
    public void Batches_are_identical_whatever_the_worker_count()
    {
        var ds = Dataset();
        var reference = Collect(new DataLoader(ds, 16, shuffle: true, seed: 9, transform: Transforms.ShapesTraining), 2);
        foreach (int workers in new[] { 1, 3 })
        {
            var loader = new DataLoader(ds, 16, shuffle: true, seed: 9, transform: Transforms.ShapesTraining, workers: workers, prefetch: 2);
            var batches = Collect(loader, 2);
            Assert.Equal(reference.Count, batches.Count);
            for (int b = 0; b < batches.Count; b++)
            {
                Assert.Equal(reference[b].Indices, batches[b].Indices);
                Assert.Equal(reference[b].Targets, batches[b].Targets);
                Assert.Equal(reference[b].Images, batches[b].Images);
            }
        }
    }

    [Fact]
    public void Augmentation_differs_between_epochs_and_repeats_within_an_epoch()
    {
        var ds = Dataset();
        var loader = new DataLoader(ds, 90, shuffle: false, seed: 4, transform: Transforms.ShapesTraining, workers: 2);
        var first = Collect(loader, 1)[0].Images;
        Assert.Equal(first, Collect(loader, 1)[0].Images);
        Assert.NotEqual(first, Collect(loader, 2)[0].Images);
    }

    [Fact]
    public void Drop_last_and_partial_last_batch_with_workers()
    {
        var ds = Dataset();
        int n = ds.Count;
        var keep = Collect(new DataLoader(ds, 16, shuffle: true, seed: 1, dropLast: false, workers: 2), 1);
        var drop = Collect(new DataLoader(ds, 16, shuffle: true, seed: 1, dropLast: true, workers: 2), 1);
        Assert.Equal((n + 15) / 16, keep.Count);
        Assert.Equal(n / 16, drop.Count);
        Assert.Equal(n % 16 == 0 ? 16 : n % 16, keep[^1].Indices.Length);
        Assert.Equal(Enumerable.Range(0, n), keep.SelectMany(b => b.Indices).Order());
    }

    [Fact]
    public void A_failing_sample_surfaces_at_its_batch_after_the_earlier_batches()
    {
        var ds = new FailingDataset(failAt: 37);
        var loader = new DataLoader(ds, 10, shuffle: false, workers: 2);
        int delivered = 0;
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var batch in loader.Epoch(0))
            {
                using (batch)
                {
                    delivered++;
                }
            }
        });
        Assert.Equal("sample-37 is broken", ex.Message);
        Assert.Equal(3, delivered);
    }

    [Fact]
    public void Images_of_different_sizes_in_one_batch_get_a_clear_error()
    {
        var ds = new FailingDataset(failAt: -1, oddSizeAt: 3);
        var ex = Assert.Throws<InvalidOperationException>(() => new DataLoader(ds, 8, shuffle: false).Epoch(0).First().Dispose());
        Assert.Contains("'sample-0' is [3,4,4], 'sample-3' is [3,5,4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Transforms.FixedSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workers_build_at_most_prefetch_batches_ahead()
    {
        var ds = new FailingDataset(failAt: -1, count: 200);
        var loader = new DataLoader(ds, 10, shuffle: false, workers: 2, prefetch: 3);
        using var enumerator = loader.Epoch(0).GetEnumerator();
        Assert.True(enumerator.MoveNext());
        enumerator.Current.Dispose();
        // After one batch is handed out, the workers fill the window: batch 0 plus 3 ahead = 40 samples, and stop.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ds.Loaded < 40 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Thread.Sleep(200);
        Assert.Equal(40, ds.Loaded);
    }

    [Fact]
    public void Cancellation_stops_the_epoch()
    {
        var loader = new DataLoader(new FailingDataset(failAt: -1, count: 100), 10, shuffle: false, workers: 1);
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in loader.Epoch(0, cts.Token))
            {
                batch.Dispose();
                cts.Cancel();
            }
        });
        Assert.Equal(1, loader.LastEpoch!.Batches);
    }

    [Fact]
    public void Stats_count_batches_samples_and_waiting()
    {
        var loader = new DataLoader(new FailingDataset(failAt: -1, count: 45), 10, shuffle: false, workers: 1);
        Assert.Null(loader.LastEpoch);
        foreach (var batch in loader.Epoch(3))
        {
            batch.Dispose();
        }

        var stats = loader.LastEpoch!;
        Assert.Equal((3, 5, 45L), (stats.Epoch, stats.Batches, stats.Samples));
        Assert.InRange(stats.WaitSeconds, 0, stats.Seconds);
        Assert.InRange(stats.WaitFraction, 0, 1);
    }

    /// <summary>4x4 images of a constant; sample <c>failAt</c> throws; sample <c>oddSizeAt</c> is 5x4.</summary>
    private sealed class FailingDataset(int failAt, int oddSizeAt = -1, int count = 50) : IImageDataset
    {
        private int loaded;

        public int Loaded => Volatile.Read(ref loaded);

        public LabelVocabulary Labels { get; } = new(["a", "b"]);

        public int Count => count;

        public string GetName(int index) => $"sample-{index}";

        public ReadOnlySpan<float> GetTarget(int index) => index % 2 == 0 ? new float[] { 1, 0 } : new float[] { 0, 1 };

        public Tensor GetImage(int index)
        {
            Interlocked.Increment(ref loaded);
            if (index == failAt)
            {
                throw new InvalidDataException($"sample-{index} is broken");
            }

            return full(3, index == oddSizeAt ? 5 : 4, 4, index / 100f);
        }
    }
}

[Collection(TorchGlobalState.Name)]
public sealed class DataLoaderDisposalTests
{
    [Fact]
    public void Stopping_early_disposes_the_batches_built_ahead()
    {
        var ds = ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 200, ImageSize: 24, Seed: 2, ValFraction: 0, TestFraction: 0.01)), Split.Train);
        var loader = new DataLoader(ds, 8, shuffle: true, seed: 1, transform: Transforms.ShapesTraining, workers: 2, prefetch: 6);
        // Warm up once so lazily created native state does not count.
        foreach (var batch in loader.Epoch(0).Take(2))
        {
            batch.Dispose();
        }

        long before = Tensor.TotalCount;
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            foreach (var batch in loader.Epoch(epoch))
            {
                batch.Dispose();
                Thread.Sleep(50); // let the workers run ahead
                break;
            }
        }

        Assert.Equal(before, Tensor.TotalCount);
    }
}

[Collection(TorchGlobalState.Name)]
public sealed class DataLoaderGcSafetyTests
{
    [Fact]
    public void Training_thread_scalar_ops_survive_workers_that_allocate_and_use_tensors()
    {
        // Regression test for TorchSharp's premature finalization of implicit Scalars: without the loader's GC guard,
        // workers that allocate while the consumer runs t.add_(1) make the consumer read a freed Scalar within a few
        // hundred batches ("argument alpha must not be a floating point number"). See GcGuard.
        var ds = ShapesGenerator.ToDataset(ShapesGenerator.Generate(new ShapesOptions(Count: 128, ImageSize: 64, Seed: 5, ValFraction: 0, TestFraction: 0.01)), Split.Train);
        // Workers that allocate like an image decoder (garbage per sample) make collections frequent.
        var allocating = new LambdaTransform((image, rng) =>
        {
            GC.KeepAlive(new byte[256 * 1024]);
            return Transforms.ShapesTraining.Apply(image, rng);
        });
        var loader = new DataLoader(ds, 32, shuffle: true, seed: 2, transform: allocating, workers: 2, prefetch: 4);
        using var counter = zeros(1, dtype: ScalarType.Int64);
        long expected = 0;
        for (int epoch = 0; epoch < 25; epoch++)
        {
            foreach (var batch in loader.Epoch(epoch))
            {
                using (batch)
                {
                    for (int k = 0; k < 3000; k++)
                    {
                        counter.add_(1);
                    }

                    expected += 3000;
                }
            }
        }

        Assert.Equal(expected, counter.item<long>());
    }
}
