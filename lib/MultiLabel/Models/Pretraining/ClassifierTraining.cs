using System.Diagnostics;
using MultiLabel.Training;
using TorchSharp;
using static TorchSharp.torch;
using DataLoader = MultiLabel.Data.DataLoader;

namespace MultiLabel.Models.Pretraining;

/// <summary>How <see cref="ClassifierTraining"/> trains.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="LearningRate">Peak learning rate of the one-cycle schedule (AdamW).</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay.</param>
/// <param name="WarmupFraction">Fraction of the steps spent rising to the peak.</param>
public sealed record ClassifierTrainingOptions(int Epochs = 4, double LearningRate = 3e-3, double WeightDecay = 1e-4, double WarmupFraction = 0.25)
{
    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be a positive number");
        }

        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        }

        if (!(WarmupFraction >= 0 && WarmupFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "must be in [0, 1)");
        }
    }
}

/// <summary>What one epoch of <see cref="ClassifierTraining"/> measured.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's batches.</param>
/// <param name="TrainAccuracy">Fraction of training images whose top logit was their class (while training).</param>
/// <param name="ValAccuracy">Accuracy on the validation loader after the epoch; null without one.</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
public sealed record ClassifierEpoch(int Epoch, double TrainLoss, double TrainAccuracy, double? ValAccuracy, double Seconds);

/// <summary>
/// A plain single-label training loop, the one a pretraining source task needs: softmax cross-entropy against the
/// class of each image (the column of its one-hot target), AdamW with a one-cycle schedule
/// (<see cref="LearningRateSchedule"/>), a dispose scope around every batch, and the data order of the loader (seed it
/// for a repeatable run). The multi-label <see cref="Trainer"/> stays as it is: its loss is binary cross-entropy per
/// label.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class ClassifierTraining
{
    /// <summary>Trains <paramref name="model"/> (on the CPU or wherever it lives) and returns one record per epoch.</summary>
    /// <param name="model">The classifier: logits [B, classes] for the loader's images.</param>
    /// <param name="train">Training batches; each target row is one-hot.</param>
    /// <param name="options">How to train.</param>
    /// <param name="validation">Optional loader whose accuracy is measured after every epoch.</param>
    /// <param name="epochCompleted">Called after every epoch, on the training thread.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite.</exception>
    public static IReadOnlyList<ClassifierEpoch> Train(
        nn.Module<Tensor, Tensor> model,
        DataLoader train,
        ClassifierTrainingOptions options,
        DataLoader? validation = null,
        Action<ClassifierEpoch>? epochCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.BatchCount == 0)
        {
            throw new ArgumentException($"The training loader has no batch ({train.Dataset.Count} samples, batch size {train.BatchSize}).", nameof(train));
        }

        var device = model.parameters().First().device;
        using var optimizer = optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: options.LearningRate, weight_decay: options.WeightDecay);
        long totalSteps = (long)options.Epochs * train.BatchCount, step = 0;
        var history = new List<ClassifierEpoch>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            double lossSum = 0;
            long correct = 0, images = 0;
            foreach (var batch in train.Epoch(epoch, cancellationToken))
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    optimizer.ParamGroups.First().LearningRate =
                        options.LearningRate * LearningRateSchedule.Factor(ScheduleKind.OneCycle, step++, totalSteps, options.WarmupFraction);
                    optimizer.zero_grad();
                    var classes = batch.Targets.argmax(1).to(device);
                    var logits = model.call(batch.Images.to(device));
                    var loss = nn.functional.cross_entropy(logits, classes);
                    double value = loss.item<float>();
                    if (!double.IsFinite(value))
                    {
                        throw new InvalidOperationException($"The cross-entropy became {value} at epoch {epoch}: lower the learning rate (now {options.LearningRate}).");
                    }

                    loss.backward();
                    optimizer.step();
                    lossSum += value * batch.Size;
                    correct += logits.argmax(1).eq(classes).sum().item<long>();
                    images += batch.Size;
                }
            }

            double? valAccuracy = validation is null ? null : Accuracy(model, validation);
            var record = new ClassifierEpoch(epoch, lossSum / images, (double)correct / images, valAccuracy, clock.Elapsed.TotalSeconds);
            history.Add(record);
            epochCompleted?.Invoke(record);
        }

        return history;
    }

    /// <summary>Fraction of the loader's images whose top logit is their class (evaluation mode, no gradients).</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        var device = model.parameters().First().device;
        model.eval();
        long correct = 0, images = 0;
        using var noGrad = no_grad();
        foreach (var batch in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            using (batch)
            {
                var predicted = model.call(batch.Images.to(device)).argmax(1);
                correct += predicted.eq(batch.Targets.argmax(1).to(device)).sum().item<long>();
                images += batch.Size;
            }
        }

        return images == 0 ? 0 : (double)correct / images;
    }
}
