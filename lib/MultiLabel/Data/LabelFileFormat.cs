namespace MultiLabel.Data;

/// <summary>
/// The two common ways to write multi-label annotations in a CSV file.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public enum LabelFileFormat
{
    /// <summary>Decide from the header: a second column named labels, tags or label means <see cref="SpaceSeparated"/>.</summary>
    Auto,

    /// <summary>
    /// <c>fname,labels[,split]</c> with the labels of a row separated by spaces (fastai, Kaggle Planet):
    /// <c>img1.png,cat dog,train</c>. An empty labels cell is an image with no label.
    /// </summary>
    SpaceSeparated,

    /// <summary>
    /// One column per label holding 0 or 1, under a header of label names (scikit-learn's indicator matrix):
    /// <c>fname,cat,dog[,split]</c> then <c>img1.png,1,1,train</c>.
    /// </summary>
    OneHot,
}
