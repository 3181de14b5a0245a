namespace MultiLabel.Data.Shapes;

/// <summary>
/// Finds the shapes dataset for commands that run from anywhere: the folder named by <c>MLC_SHAPES_DIR</c>; else the
/// repository's <c>data/shapes</c>, searched upwards from the executable's folder and then from the working
/// directory; else a copy generated once into the data cache (<see cref="DataDirectory"/>), byte-identical to the
/// shipped files.
/// </summary>
public static class ShapesLocator
{
    /// <summary>The environment variable that points at a shapes dataset folder.</summary>
    public const string EnvironmentVariable = "MLC_SHAPES_DIR";

    /// <summary>The shipped dataset's folder, or null when it cannot be found.</summary>
    public static string? FindShipped()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var full = Path.GetFullPath(fromEnvironment);
            return File.Exists(Path.Combine(full, ShapesFiles.LabelsFileName))
                ? full
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} is '{fromEnvironment}', which has no {ShapesFiles.LabelsFileName}.");
        }

        return SearchUp(AppContext.BaseDirectory) ?? SearchUp(Environment.CurrentDirectory);
    }

    /// <summary>The shipped dataset's folder, or a generated copy in the cache under <paramref name="cacheRoot"/>.</summary>
    public static string Locate(string? cacheRoot = null, IProgress<int>? progress = null) =>
        FindShipped() ?? EnsureGenerated(ShapesOptions.Shipped, cacheRoot, progress);

    /// <summary>
    /// The folder of a generated dataset in the cache (<c>shapes/seed{S}-n{N}-px{P}</c>), generating it first when
    /// missing. Generation writes a temporary folder and renames it, so concurrent callers never see half a dataset.
    /// </summary>
    public static string EnsureGenerated(ShapesOptions options, string? cacheRoot = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var parent = Path.Combine(DataDirectory.Resolve(cacheRoot), "shapes");
        var target = Path.Combine(parent, FormattableString.Invariant($"seed{options.Seed}-n{options.Count}-px{options.ImageSize}-v{options.ValFraction}-t{options.TestFraction}"));
        if (File.Exists(Path.Combine(target, ShapesFiles.LabelsFileName)))
        {
            return target;
        }

        var temp = $"{target}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        ShapesFiles.Write(options, temp, progress);
        try
        {
            Directory.Move(temp, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, ShapesFiles.LabelsFileName)))
        {
            // Another process finished first: use its copy.
            Directory.Delete(temp, recursive: true);
        }

        return target;
    }

    private static string? SearchUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "shapes");
            if (File.Exists(Path.Combine(candidate, ShapesFiles.LabelsFileName)))
            {
                return candidate;
            }
        }

        return null;
    }
}
