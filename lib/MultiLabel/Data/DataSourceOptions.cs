namespace MultiLabel.Data;

/// <summary>Which dataset to load and how (see <see cref="DatasetCatalog"/>).</summary>
/// <param name="Name">shapes (default, embedded), mnist-multi, voc2007 or folder.</param>
/// <param name="Directory">
/// shapes: a shapes dataset folder (default: the shipped one); mnist-multi: the folder with the four MNIST IDX files
/// (default: the full set in the cache once downloaded, else the subset shipped in data/mnist); voc2007: the VOC2007 folder or one above it (default: the cache);
/// folder: the image folder (required).
/// </param>
/// <param name="LabelFile">folder: the label CSV (default: labels.csv in the folder); it needs a split column.</param>
/// <param name="Count">shapes: generate this many images in memory instead of reading files; mnist-multi: images over all splits.</param>
/// <param name="ImageSize">shapes: generated image size (implies generation); mnist-multi: canvas size; voc2007 and folder: the size images are resized to.</param>
/// <param name="OnBadImage">Fail on a bad image file, or skip and report it.</param>
/// <param name="CacheDirectory">The download and generation cache (default: <see cref="DataDirectory.Resolve"/>).</param>
/// <param name="DropDifficult">voc2007: ignore objects marked difficult.</param>
/// <param name="Offline">Never download: a missing dataset is an error that says which files to place where.</param>
public sealed record DataSourceOptions(
    string Name = "shapes",
    string? Directory = null,
    string? LabelFile = null,
    int? Count = null,
    int? ImageSize = null,
    BadImagePolicy OnBadImage = BadImagePolicy.Fail,
    string? CacheDirectory = null,
    bool DropDifficult = false,
    bool Offline = false);
