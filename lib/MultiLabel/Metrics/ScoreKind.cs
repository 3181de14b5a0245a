namespace MultiLabel.Metrics;

/// <summary>What the score matrix holds.</summary>
public enum ScoreKind
{
    /// <summary>Probabilities in [0, 1] (a model's sigmoid outputs).</summary>
    Probabilities,

    /// <summary>
    /// Raw logits (any finite number), as a model outputs them before the sigmoid. Thresholds stay probabilities:
    /// a label is predicted when sigmoid(logit) is at least the threshold. Ranking metrics use the logits directly,
    /// which rank exactly like their sigmoids but never tie where a float sigmoid would saturate at 1.
    /// </summary>
    Logits,
}
