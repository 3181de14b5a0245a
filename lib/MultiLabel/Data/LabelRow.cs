namespace MultiLabel.Data;

/// <summary>One annotated image of a label file.</summary>
/// <param name="FileName">The image's path relative to the image folder.</param>
/// <param name="Labels">The label names present (empty for an image with no label), in vocabulary order.</param>
/// <param name="Split">The split, when the file has a split column.</param>
/// <param name="Line">The 1-based line in the file, for error messages.</param>
public sealed record LabelRow(string FileName, IReadOnlyList<string> Labels, Split? Split, int Line);
