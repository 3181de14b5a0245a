namespace MultiLabel.Metrics;

/// <summary>Precision, recall, F1 and support of one label.</summary>
public sealed record LabelMetrics(string Label, double Precision, double Recall, double F1, long Support, LabelCounts Counts);
