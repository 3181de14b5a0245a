namespace MultiLabel.Data.Mnist;

/// <summary>
/// Finds MNIST's four files for <c>--data mnist-multi</c>: the full set in the data cache (<c>&lt;cache&gt;/mnist</c>,
/// where <c>mlc data download mnist</c> puts it) when all four files are there, else the small real subset shipped in
/// the repository's <c>data/mnist</c> (6,000 training and 1,000 test digits, 600 and 100 of each class; see
/// data/mnist/README.md), searched upwards from the executable's folder and then from the working directory. The
/// result says which one it found, so a log or a lesson can say what it trained on.
/// Taught in notebooks/10-capstone.ipynb.
/// </summary>
public static class MnistLocator
{
    /// <summary>The shipped subset's folder, relative to the repository root.</summary>
    public const string ShippedFolder = "data/mnist";

    /// <summary>Training digits in the shipped subset.</summary>
    public const int ShippedTrainCount = 6000;

    /// <summary>Test digits in the shipped subset.</summary>
    public const int ShippedTestCount = 1000;

    /// <summary>The full set in the cache under <paramref name="cacheRoot"/>, else the shipped subset.</summary>
    /// <param name="cacheRoot">The data cache (null: <see cref="DataDirectory.Resolve"/>).</param>
    /// <exception cref="DirectoryNotFoundException">Neither is there; the message says how to get the full set.</exception>
    public static MnistSource Locate(string? cacheRoot = null)
    {
        var cached = Path.Combine(DataDirectory.Resolve(cacheRoot), "mnist");
        if (HasAllFiles(cached))
        {
            return new MnistSource(cached, IsFull: true, $"the full MNIST (60,000 + 10,000 digits) from the cache {cached}");
        }

        var shipped = FindShipped() ?? throw new DirectoryNotFoundException(
            $"MNIST is neither in the cache ({cached}) nor shipped beside this program ({ShippedFolder} of the course repository): run 'mlc data download mnist'.");
        return new MnistSource(shipped, IsFull: false, FormattableString.Invariant(
            $"the MNIST subset shipped in {ShippedFolder} ({ShippedTrainCount:N0} + {ShippedTestCount:N0} real digits; 'mlc data download mnist' gets the full set)"));
    }

    /// <summary>The shipped subset's folder, or null when it cannot be found.</summary>
    public static string? FindShipped() => SearchUp(AppContext.BaseDirectory) ?? SearchUp(Environment.CurrentDirectory);

    /// <summary>Whether <paramref name="folder"/> holds all four MNIST files (raw or .gz, either naming).</summary>
    public static bool HasAllFiles(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return false;
        }

        foreach (var name in MnistDigits.FileNames)
        {
            try
            {
                MnistDigits.Find(folder, name);
            }
            catch (DataFormatException)
            {
                return false;
            }
        }

        return true;
    }

    private static string? SearchUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ShippedFolder);
            if (HasAllFiles(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
