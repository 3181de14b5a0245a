using System.Diagnostics;
using MultiLabel.Data;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using MultiLabel.Tests.Training;
using MultiLabel.Training;
using MultiLabel.Training.Callbacks;
using TorchSharp;

namespace MultiLabel.Tests.Reliability;

/// <summary>
/// What happens to a run when the disk fills up or the folder turns read-only, when it trains for many epochs, and
/// when runs start at the same moment: a clear error and the last complete checkpoint kept; flat memory; a folder each.
/// </summary>
public sealed class TrainingReliabilityTests
{
    private static SmallCnn TinyModel(long seed)
    {
        Trainer.Seed(seed);
        return new SmallCnn(6, width: 4, depth: 2);
    }

    [Fact]
    public void A_full_disk_while_checkpointing_gives_a_clear_error_and_keeps_the_last_complete_checkpoint()
    {
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        var checkpoint = run.FilePath(RunDirectory.CheckpointFile);
        using var model = TinyModel(3);
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: 3, Seed: 3, Device: "cpu"), run: run);
        byte[]? epoch1 = null;
        trainer.CheckpointSaved += (_, c) =>
        {
            if (c.Epoch == 1 && c.Kind == CheckpointKind.Last)
            {
                epoch1 = File.ReadAllBytes(c.Path);
                AtomicFile.CreateOverride.Value = path => new FullDiskStream(File.Create(path), bytesFree: 4096);
            }
        };

        try
        {
            var ex = Assert.Throws<CheckpointWriteException>(() => trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader()));
            Assert.True(ex.Message.Contains($"Could not write the checkpoint {checkpoint} after epoch 2: No space left on device", StringComparison.Ordinal), ex.Message);
            Assert.Contains("the checkpoint on disk is still the last complete one (epoch 1)", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"--resume {run.Path}", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            AtomicFile.CreateOverride.Value = null;
        }

        Assert.Equal(epoch1, File.ReadAllBytes(checkpoint));
        Assert.Equal(1, Checkpoint.ReadState(checkpoint).CompletedEpochs);
        Assert.Empty(Directory.GetFiles(run.Path, "*.tmp"));

        // The kept checkpoint resumes.
        using var again = TinyModel(3);
        using var resumed = new Trainer(again, new TrainerOptions(Epochs: 3, Seed: 3, Device: "cpu"), run: run);
        resumed.Resume(checkpoint);
        Assert.Equal(3, resumed.Fit(TinyData.TrainLoader(), TinyData.ValLoader()).Count);
    }

    [Fact]
    public void A_read_only_folder_before_the_first_checkpoint_says_that_none_was_written()
    {
        using var tmp = new TempDir();
        var run = RunDirectory.Create(tmp.Path);
        using var model = TinyModel(4);
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: 2, Seed: 4, Device: "cpu"), run: run);
        AtomicFile.CreateOverride.Value = path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        try
        {
            var ex = Assert.Throws<CheckpointWriteException>(() => trainer.Fit(TinyData.TrainLoader(), TinyData.ValLoader()));
            Assert.Contains("after epoch 1", ex.Message, StringComparison.Ordinal);
            Assert.Contains("is denied", ex.Message, StringComparison.Ordinal);
            Assert.Contains("no checkpoint was written yet", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            AtomicFile.CreateOverride.Value = null;
        }

        Assert.False(File.Exists(run.FilePath(RunDirectory.CheckpointFile)));
        Assert.Empty(Directory.GetFiles(run.Path, "*.tmp"));
    }

    [Fact]
    public void A_soak_of_many_short_epochs_keeps_live_tensors_and_resident_memory_flat()
    {
        const int Epochs = 40;
        using var model = TinyModel(5);
        using var trainer = new Trainer(model, new TrainerOptions(Epochs: Epochs, Seed: 5, Device: "cpu", RestoreBest: false));
        var live = new List<long>();
        var resident = new List<long>();
        trainer.EpochCompleted += (_, _) =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            live.Add(DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
            using var self = Process.GetCurrentProcess();
            resident.Add(self.WorkingSet64);
        };
        var data = new DataLoader(new SubsetDataset(TinyData.Train, [.. Enumerable.Range(0, 32)]), 16, shuffle: true, seed: 5, dropLast: true);

        trainer.Fit(data, new DataLoader(new SubsetDataset(TinyData.Val, [.. Enumerable.Range(0, 16)]), 16, shuffle: false));

        Assert.Equal(Epochs, live.Count);
        Assert.True(live.Skip(1).All(n => n == live[1]), $"live tensors per epoch: {string.Join(", ", live)}");
        long growth = resident[^1] - resident[4];
        Assert.True(growth < 64L << 20, $"resident memory grew by {growth / 1e6:F0} MB from epoch 5 to {Epochs}: {string.Join(", ", resident.Select(r => (r / 1e6).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void Runs_started_in_the_same_second_under_the_same_parent_get_a_folder_each()
    {
        using var tmp = new TempDir();
        var now = new DateTime(2026, 12, 4, 1, 2, 3, DateTimeKind.Local);
        var folders = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => folders.Add(RunDirectory.ClaimNew(tmp.Path, now).Path));

        Assert.Equal(16, folders.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(RunDirectory.DefaultPath(tmp.Path, now), folders);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, RunDirectory.ClaimFile))));
    }

    /// <summary>A file stream on a disk with <paramref name="bytesFree"/> bytes left: the write that passes it fails as ENOSPC does.</summary>
    private sealed class FullDiskStream(FileStream inner, long bytesFree) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => written;

        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (written + count > bytesFree)
            {
                int part = (int)Math.Max(0, bytesFree - written);
                inner.Write(buffer, offset, part);
                written += part;
                throw new IOException("No space left on device");
            }

            inner.Write(buffer, offset, count);
            written += count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
