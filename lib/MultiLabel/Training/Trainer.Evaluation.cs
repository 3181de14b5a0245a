using MultiLabel.Metrics;
using TorchSharp;
using DataLoader = MultiLabel.Data.DataLoader;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>The trainer's evaluation side: validation after each epoch and predictions over any loader.</summary>
public sealed partial class Trainer
{
    /// <summary>Runs the model over a loader in evaluation mode: (targets [N,L], logits [N,L]) on the CPU, in loader order.</summary>
    public (Tensor Targets, Tensor Logits) PredictLogits(DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        model.eval();
        var targets = new List<Tensor>();
        var logits = new List<Tensor>();
        using var outer = NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var batch in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            using (batch)
            {
                logits.Add(model.call(batch.Images.to(Device)).cpu().MoveToOuterDisposeScope());
                targets.Add(batch.Targets.clone().MoveToOuterDisposeScope());
            }
        }

        var allTargets = targets.Count == 0 ? zeros(0, loader.Dataset.Labels.Count) : cat(targets, 0);
        var allLogits = logits.Count == 0 ? zeros(0, loader.Dataset.Labels.Count) : cat(logits, 0);
        return (allTargets.MoveToOuterDisposeScope(), allLogits.MoveToOuterDisposeScope());
    }

    /// <summary>Validation loss and metrics, batch by batch on the model's device (<see cref="StreamingMetrics"/>).</summary>
    private (double Loss, EvaluationResult Metrics) Validate(DataLoader loader)
    {
        model.eval();
        using var metrics = new StreamingMetrics(loader.Dataset.Labels.Names, Thresholds.Global(Options.Threshold), ScoreKind.Logits);
        double lossSum = 0;
        using (torch.no_grad())
        {
            foreach (var batch in loader.Epoch(0))
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    var logits = model.call(batch.Images.to(Device));
                    var targets = batch.Targets.to(Device);
                    lossSum += loss.call(logits, targets).item<float>() * batch.Size;
                    metrics.Update(targets, logits);
                }
            }
        }

        return (lossSum / Math.Max(1, metrics.SampleCount), metrics.Compute());
    }
}
