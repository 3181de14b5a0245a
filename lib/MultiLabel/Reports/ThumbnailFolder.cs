using MultiLabel.Training;

namespace MultiLabel.Reports;

/// <summary>
/// A folder of PNG thumbnails named after the images (<see cref="FileName"/>), so a report rebuilt later from a run
/// folder can show the same pictures without the dataset. <c>mlc train</c> saves the thumbnails its report shows in
/// <c>thumbnails/</c> of the run folder.
/// </summary>
public static class ThumbnailFolder
{

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The file name of an image's thumbnail: the name with unsafe characters escaped, plus .png.</summary>
    public static string FileName(string imageName)
    {
        ArgumentNullException.ThrowIfNull(imageName);
        return Uri.EscapeDataString(imageName) + ".png";
    }

    /// <summary>Writes thumbnails (each atomically).</summary>
    public static void Save(string folder, IEnumerable<KeyValuePair<string, byte[]>> thumbnails)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(thumbnails);
        foreach (var (name, png) in thumbnails)
        {
            AtomicFile.Write(Path.Combine(folder, FileName(name)), temp => File.WriteAllBytes(temp, png));
        }
    }

    /// <summary>
    /// A thumbnail lookup for <paramref name="names"/>: the first of <paramref name="folders"/> that has
    /// <see cref="FileName"/> of the image, or the image itself by its name if it is a PNG file; null otherwise.
    /// </summary>
    public static Func<int, byte[]?> Provider(IReadOnlyList<string> names, params string[] folders)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(folders);
        return index =>
        {
            foreach (var folder in folders)
            {
                foreach (var candidate in new[] { Path.Combine(folder, FileName(names[index])), Path.Combine(folder, names[index]) })
                {
                    if (File.Exists(candidate))
                    {
                        var bytes = File.ReadAllBytes(candidate);
                        if (bytes.AsSpan().StartsWith(PngSignature))
                        {
                            return bytes;
                        }
                    }
                }
            }

            return null;
        };
    }
}
