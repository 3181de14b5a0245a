namespace MultiLabel.Data;

/// <summary>What a file dataset does with a missing, corrupt or truncated image.</summary>
public enum BadImagePolicy
{
    /// <summary>Stop with an error that names the file (the default: bad data should be noticed).</summary>
    Fail,

    /// <summary>Leave the image out, count it and report it in <see cref="ImageFolderDataset.Skipped"/>.</summary>
    Skip,
}

/// <summary>An image a dataset left out under <see cref="BadImagePolicy.Skip"/>.</summary>
/// <param name="FileName">The file name as written in the label file.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedImage(string FileName, string Reason);
