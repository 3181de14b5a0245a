using static TorchSharp.torch;

namespace MultiLabel.Metrics;

/// <summary>
/// Multi-label metrics computed batch by batch: call <see cref="Update(Tensor, Tensor)"/> with each batch's targets and scores (on
/// any device; the state stays on that device), then <see cref="Compute"/> once. The result is identical to
/// <see cref="MultiLabelMetrics.Evaluate(Tensor, Tensor, IReadOnlyList{string}, Thresholds?, ScoreKind)"/> on all
/// the batches at once, however they are split.
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
/// <remarks>
/// Each update reduces its batch at once to confusion counts per label and one row of per-image values (the
/// sample averages, LRAP, ranking loss, coverage). Average precision and ROC AUC rank every image against every
/// other, so the scores themselves are kept (on the device, N x L scores plus N x L bytes) until
/// <see cref="Compute"/>. Dispose the object to free that memory.
/// </remarks>
public sealed class StreamingMetrics : IDisposable
{
    private readonly string[] labels;
    private readonly double[] thresholdValues;
    private readonly KernelOptions kernel;
    private readonly List<Tensor> sampleRows = [];
    private readonly List<Tensor> scoreBatches = [];
    private readonly List<Tensor> targetBatches = [];
    private Tensor? thresholdTensor;
    private Tensor? tp;
    private Tensor? predictedCount;
    private Tensor? trueCount;
    private bool disposed;

    /// <summary>Creates empty metrics for the labels, at the thresholds (default 0.5), for probabilities or logits.</summary>
    public StreamingMetrics(IReadOnlyList<string> labelNames, Thresholds? thresholds = null, ScoreKind kind = ScoreKind.Probabilities)
        : this(labelNames, thresholds, kind, KernelOptions.Default)
    {
    }

    /// <summary>Creates empty metrics with custom kernels (tests use tiny blocks and the tensor scan on the CPU).</summary>
    internal StreamingMetrics(IReadOnlyList<string> labelNames, Thresholds? thresholds, ScoreKind kind, KernelOptions kernel)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        if (labelNames.Count == 0)
        {
            throw new ArgumentException("At least one label is needed.", nameof(labelNames));
        }

        labels = [.. labelNames];
        Thresholds = thresholds ?? Thresholds.Default;
        thresholdValues = Thresholds.Expand(labels.Length);
        ScoreKind = kind;
        this.kernel = kernel;
    }

    /// <summary>The label names, in column order.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>The thresholds predictions are taken at.</summary>
    public Thresholds Thresholds { get; }

    /// <summary>Whether scores are probabilities or logits.</summary>
    public ScoreKind ScoreKind { get; }

    /// <summary>Images seen so far.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Adds a batch: targets [B,L] (0/1, any type) and scores [B,L] on the same device.</summary>
    /// <remarks>The first batch fixes the device and the score precision (float32, or float64 for float64 scores); later batches are converted to them.</remarks>
    /// <exception cref="ArgumentException">Wrong shape, non-binary targets, NaN or infinite scores, or probabilities outside [0, 1].</exception>
    public void Update(Tensor targets, Tensor scores) => Update(targets, scores, borrow: false);

    /// <summary>
    /// As <see cref="Update(Tensor, Tensor)"/>; with <paramref name="borrow"/> the batch is kept by reference instead
    /// of copied (the one-call <see cref="MultiLabelMetrics.Evaluate(Tensor, Tensor, IReadOnlyList{string}, Thresholds?, ScoreKind)"/>,
    /// whose caller cannot change the tensors before <see cref="Compute"/>): a copy of the scores less in memory.
    /// </summary>
    internal void Update(Tensor targets, Tensor scores, bool borrow)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = NewDisposeScope();
        var (t, s) = MetricInputs.Prepare(targets, scores, labels.Length, ScoreKind);
        if (thresholdTensor is null)
        {
            Initialize(s.dtype, s.device);
        }

        s = s.to(thresholdTensor!.dtype, thresholdTensor.device);
        t = t.to(thresholdTensor.device);
        long rows = s.shape[0];
        long block = Math.Clamp(kernel.ElementBudget / labels.Length, 1, Math.Max(1, rows));
        for (long start = 0; start < rows; start += block)
        {
            using var blockScope = NewDisposeScope();
            long count = Math.Min(block, rows - start);
            var bt = t.narrow(0, start, count);
            var bs = s.narrow(0, start, count);
            if (kernel.ScansManaged(bs))
            {
                var (rowValues, batchTp, batchPredicted, batchPresent) = ManagedSampleScan.Compute(bt, bs, thresholdTensor);
                tp!.add_(tensor(batchTp));
                predictedCount!.add_(tensor(batchPredicted));
                trueCount!.add_(tensor(batchPresent));
                sampleRows.Add(rowValues.DetachFromDisposeScope());
                continue;
            }

            var predicted = bs.ge(thresholdTensor);
            tp!.add_(bt.logical_and(predicted).sum(dim: 0, type: ScalarType.Int64));
            predictedCount!.add_(predicted.sum(dim: 0, type: ScalarType.Int64));
            trueCount!.add_(bt.sum(dim: 0, type: ScalarType.Int64));
            sampleRows.Add(SampleScores.Compute(bt, bs, predicted, kernel).DetachFromDisposeScope());
        }

        scoreBatches.Add((borrow ? s.alias() : s.clone()).DetachFromDisposeScope());
        targetBatches.Add((borrow ? t.alias() : t.clone()).DetachFromDisposeScope());
        SampleCount += rows;
    }

    /// <summary>
    /// All metrics of the batches seen so far. With no image at all (an empty validation set) every ratio is 0 and
    /// AP and ROC AUC are null, where scikit-learn would raise an error.
    /// </summary>
    public EvaluationResult Compute()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (SampleCount == 0)
        {
            var none = new long[labels.Length];
            return ResultBuilder.Build(
                labels, thresholdValues, Thresholds, 0, none, none, none, new double[SampleScores.Count],
                new double?[labels.Length], new double?[labels.Length], null, null);
        }

        using var scope = NewDisposeScope();
        var sampleSums = cat(sampleRows, 0).sum(dim: 0).cpu().data<double>().ToArray();
        var scores = scoreBatches.Count == 1 ? scoreBatches[0] : cat(scoreBatches, 0);
        var targets = targetBatches.Count == 1 ? targetBatches[0] : cat(targetBatches, 0);
        var (ap, auc, mapMicro, aucMicro) = LabelRanking.Compute(targets, scores, kernel);
        return ResultBuilder.Build(
            labels, thresholdValues, Thresholds, SampleCount, Longs(tp!), Longs(predictedCount!), Longs(trueCount!),
            sampleSums, ap, auc, mapMicro, aucMicro);
    }

    /// <summary>Forgets every batch (the thresholds and labels stay).</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var list in new[] { sampleRows, scoreBatches, targetBatches })
        {
            list.ForEach(x => x.Dispose());
            list.Clear();
        }

        // zero_() hands back a new tensor wrapper (TorchSharp 0.107), not the same object: let a scope dispose them.
        using var scope = NewDisposeScope();
        tp?.zero_();
        predictedCount?.zero_();
        trueCount?.zero_();
        SampleCount = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        Reset();
        thresholdTensor?.Dispose();
        tp?.Dispose();
        predictedCount?.Dispose();
        trueCount?.Dispose();
        disposed = true;
    }

    private void Initialize(ScalarType dtype, Device device)
    {
        thresholdTensor = ScoreSpace.ThresholdTensor(thresholdValues, ScoreKind, dtype, device).DetachFromDisposeScope();
        tp = zeros(labels.Length, ScalarType.Int64, device).DetachFromDisposeScope();
        predictedCount = zeros(labels.Length, ScalarType.Int64, device).DetachFromDisposeScope();
        trueCount = zeros(labels.Length, ScalarType.Int64, device).DetachFromDisposeScope();
    }

    private static long[] Longs(Tensor t) => t.cpu().data<long>().ToArray();
}
