namespace MultiLabel.Models;

/// <summary>What <see cref="PretrainedWeights.Load"/> did. Taught in notebooks/06-models.ipynb.</summary>
/// <param name="Loaded">Keys whose values were copied into the model.</param>
/// <param name="Skipped">Keys of the file left out on purpose (the classifier head).</param>
public sealed record WeightLoadReport(IReadOnlyList<string> Loaded, IReadOnlyList<string> Skipped);
