namespace MultiLabel.Data.Mnist;

/// <summary>
/// The four MNIST files of a folder: 60,000 training and 10,000 test digits, 28x28 grayscale with labels 0-9.
/// Accepts the original names (<c>train-images-idx3-ubyte</c>), with <c>.gz</c>, and the common variant with a dot
/// (<c>train-images.idx3-ubyte</c>).
/// Taught in notebooks/10-capstone.ipynb.
/// </summary>
public sealed class MnistDigits
{
    /// <summary>The original file names (without .gz), in the order train images, train labels, test images, test labels.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    private MnistDigits(IdxArray trainImages, IdxArray trainLabels, IdxArray testImages, IdxArray testLabels)
    {
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
    }

    /// <summary>Training images [N,28,28].</summary>
    public IdxArray TrainImages { get; }

    /// <summary>Training labels [N].</summary>
    public IdxArray TrainLabels { get; }

    /// <summary>Test images [M,28,28].</summary>
    public IdxArray TestImages { get; }

    /// <summary>Test labels [M].</summary>
    public IdxArray TestLabels { get; }

    /// <summary>Reads the four files from <paramref name="folder"/>.</summary>
    /// <exception cref="DataFormatException">A file is missing or malformed, or images and labels disagree.</exception>
    public static MnistDigits Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var arrays = FileNames.Select(name => IdxFile.Read(Find(folder, name))).ToArray();
        for (int pair = 0; pair < 2; pair++)
        {
            var (images, labels) = (arrays[2 * pair], arrays[(2 * pair) + 1]);
            string imageFile = Find(folder, FileNames[2 * pair]), labelFile = Find(folder, FileNames[(2 * pair) + 1]);
            if (images.Shape.Count != 3 || images.Shape[1] != 28 || images.Shape[2] != 28)
            {
                throw new DataFormatException(imageFile, null, $"expected images N x 28 x 28, found {string.Join(" x ", images.Shape)}.");
            }

            if (labels.Shape.Count != 1 || labels.Count != images.Count)
            {
                throw new DataFormatException(labelFile, null, $"expected {images.Count:N0} labels (one per image of {Path.GetFileName(imageFile)}), found shape {string.Join(" x ", labels.Shape)}.");
            }

            int bad = Array.FindIndex(labels.Data, b => b > 9);
            if (bad >= 0)
            {
                throw new DataFormatException(labelFile, null, $"label {bad} is {labels.Data[bad]}; digits are 0 to 9.");
            }
        }

        return new MnistDigits(arrays[0], arrays[1], arrays[2], arrays[3]);
    }

    /// <summary>The path of one of the four files in <paramref name="folder"/> (raw or .gz, either naming).</summary>
    /// <exception cref="DataFormatException">None of the accepted names exists; the message lists them.</exception>
    public static string Find(string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(name);
        var dotted = name.Replace("-idx", ".idx", StringComparison.Ordinal);
        var candidates = new[] { name, name + ".gz", dotted, dotted + ".gz" };
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DataFormatException(Path.Combine(folder, name), null, $"MNIST file not found (looked for {string.Join(", ", candidates)} in {Path.GetFullPath(folder)}).");
    }
}
