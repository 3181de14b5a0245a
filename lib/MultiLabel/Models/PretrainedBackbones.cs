using MultiLabel.Data;
using MultiLabel.Data.Downloads;
using MultiLabel.Models.Pretraining;

namespace MultiLabel.Models;

/// <summary>
/// The pretrained weights that ship with the kit (<c>data/pretrained/</c>, see its README): found from the
/// library's, the executable's or the working folder (searching upwards) or <c>MLC_PRETRAINED_DIR</c>, and checked
/// against their recorded sha256 before use, so a missing or altered file is a clear error, never a silent mismatch.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class PretrainedBackbones
{
    /// <summary>The environment variable that names a folder holding the weight files.</summary>
    public const string EnvironmentVariable = "MLC_PRETRAINED_DIR";

    /// <summary>File name of the shipped <see cref="MiniResNet"/> backbone.</summary>
    public const string MiniResNetShapesFile = "mini-resnet-shapes.bin";

    /// <summary>The sha256 of <see cref="MiniResNetShapesFile"/> as it was committed.</summary>
    public const string MiniResNetShapesSha256 = "abe11e15adceb267811f54bf7ead1710c6875b69fb57810b83b7cc47f33d29d0";

    /// <summary>
    /// The path of the shipped <see cref="MiniResNet"/> backbone (default shape, 16 wide, one block per stage), pretrained
    /// on a single-label shape-kind task; load it with <see cref="PretrainedWeights.Load"/> (the head is skipped).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is in none of the searched folders; the message says how to regenerate it.</exception>
    /// <exception cref="InvalidDataException">The file's sha256 is not the recorded one.</exception>
    public static string MiniResNetShapes => Verified(Locate(MiniResNetShapesFile), MiniResNetShapesSha256);

    /// <summary>
    /// torchvision's ImageNet ResNet-18 (PyTorch state dict for <see cref="ResNetClassifier"/> of depth 18) when
    /// <c>mlc data download resnet18</c> has put it in the cache (<see cref="DataDirectory.Resolve"/>) with the size the
    /// download manifest records; null otherwise (it cannot be downloaded offline or in CI). Nothing is downloaded.
    /// </summary>
    /// <param name="cacheRoot">The cache folder; null: <see cref="DataDirectory.Resolve"/>'s.</param>
    public static string? CachedImageNetResNet18(string? cacheRoot = null)
    {
        var entry = DownloadManifest.Embedded.Get("resnet18");
        var file = entry.Files[0];
        var path = Path.Combine(DataDirectory.Resolve(cacheRoot), entry.Folder, file.Name);
        return File.Exists(path) && (file.Size is not { } size || new FileInfo(path).Length == size) ? path : null;
    }

    /// <summary>Returns <paramref name="path"/> when its sha256 is <paramref name="expectedSha256"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file's sha256 differs; the message gives both.</exception>
    public static string Verified(string path, string expectedSha256)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(expectedSha256);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Pretrained weights '{path}' do not exist.", path);
        }

        var actual = BackbonePretraining.Sha256Of(path);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"Pretrained weights '{path}' have sha256 {actual}, not the recorded {expectedSha256}: the file was altered or " +
                $"regenerated on another machine. Restore it (git checkout -- data/pretrained) or see data/pretrained/README.md.");
        }

        return path;
    }

    private static string Locate(string fileName)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.Combine(Path.GetFullPath(fromEnvironment), fileName);
        }

        string?[] starts = [Path.GetDirectoryName(typeof(PretrainedBackbones).Assembly.Location), AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "pretrained", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"The pretrained weights '{fileName}' were not found in data/pretrained above the library, the program or the working folder, " +
            $"nor through {EnvironmentVariable}. Regenerate them with: mlc pretrain --out data/pretrained/{fileName}", fileName);
    }
}
