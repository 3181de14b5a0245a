namespace MultiLabel.Metrics;

/// <summary>
/// One sentence per metric, for learners: what the number says. Keys are the names of
/// <see cref="EvaluationResult.NamedValues"/> (and of <c>mlc evaluate --json</c>).
/// Taught in notebooks/08-evaluation.ipynb.
/// </summary>
public static class MetricGlossary
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["f1_micro"] = "F1 of all (image, label) decisions pooled together: the headline score, dominated by frequent labels.",
        ["f1_macro"] = "The plain mean of the per-label F1 scores: a rare label counts as much as a frequent one.",
        ["f1_weighted"] = "The mean of the per-label F1 scores weighted by how often each label occurs.",
        ["f1_samples"] = "F1 computed for each image over its own labels, then averaged over images.",
        ["precision_micro"] = "Of all the labels we predicted, the share that was right.",
        ["precision_macro"] = "Precision of each label (of the images we tagged with it, the share that has it), averaged over labels.",
        ["precision_weighted"] = "Per-label precision averaged with each label's frequency as weight.",
        ["precision_samples"] = "For each image, the share of its predicted labels that are right, averaged over images.",
        ["recall_micro"] = "Of all the true labels, the share we found.",
        ["recall_macro"] = "Recall of each label (of the images that have it, the share we tagged), averaged over labels.",
        ["recall_weighted"] = "Per-label recall averaged with each label's frequency as weight.",
        ["recall_samples"] = "For each image, the share of its true labels we found, averaged over images.",
        ["jaccard_micro"] = "Right labels divided by all labels that were predicted or true, pooled over everything.",
        ["jaccard_macro"] = "Intersection over union of predicted and true images for each label, averaged over labels.",
        ["jaccard_weighted"] = "Per-label intersection over union weighted by each label's frequency.",
        ["jaccard_samples"] = "For each image, the overlap of predicted and true label sets divided by their union, averaged.",
        ["hamming_loss"] = "The share of all (image, label) cells we got wrong: 0 is perfect.",
        ["subset_accuracy"] = "The share of images whose predicted label set is exactly right: the strictest score.",
        ["map_macro"] = "Mean over labels of the area under each precision-recall curve: ranking quality at every threshold at once.",
        ["map_micro"] = "Area under the precision-recall curve of all (image, label) cells ranked together.",
        ["roc_auc_macro"] = "For each label, the chance a random image with it scores above one without it, averaged over labels.",
        ["roc_auc_micro"] = "The same chance computed over all (image, label) cells at once.",
        ["lrap"] = "For each image, how close to the top its true labels rank among its scores (1 = all on top), averaged.",
        ["coverage_error"] = "How many of each image's top-ranked labels you must take to include all its true labels, averaged.",
        ["ranking_loss"] = "The share of (true, absent) label pairs of an image ranked in the wrong order, averaged: 0 is perfect.",
    };

    /// <summary>The sentence for <paramref name="metric"/>, or an empty string for an unknown name.</summary>
    public static string Explain(string metric) => Sentences.TryGetValue(metric, out var s) ? s : string.Empty;
}
