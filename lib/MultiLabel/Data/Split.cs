namespace MultiLabel.Data;

/// <summary>Which part of a dataset a sample belongs to.</summary>
public enum Split
{
    /// <summary>Used to fit the model.</summary>
    Train,

    /// <summary>Used to choose epochs, thresholds and hyper-parameters.</summary>
    Val,

    /// <summary>Held out: touched once, for the final numbers.</summary>
    Test,
}
