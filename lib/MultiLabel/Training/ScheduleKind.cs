namespace MultiLabel.Training;

/// <summary>How the learning rate moves over training.</summary>
public enum ScheduleKind
{
    /// <summary>
    /// One-cycle (Smith 2018; PyTorch's OneCycleLR with cosine annealing): from peak/25 up to the peak over the
    /// warm-up fraction, then down to peak/25/1e4.
    /// </summary>
    OneCycle,

    /// <summary>Linear warm-up from 0 to the peak over the warm-up fraction, then cosine decay to 0.</summary>
    Cosine,
}
