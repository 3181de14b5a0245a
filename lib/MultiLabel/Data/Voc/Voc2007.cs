using System.Xml;
using System.Xml.Linq;

namespace MultiLabel.Data.Voc;

/// <summary>
/// Reads PASCAL VOC 2007 for image-level multi-label classification: the image sets in
/// <c>ImageSets/Main/{train,val,trainval,test}.txt</c> list image ids, each <c>Annotations/{id}.xml</c> names the
/// objects in the image, and an image's labels are the classes of its objects (20 labels). Objects marked
/// <c>difficult</c> count unless <c>dropDifficult</c> is set. Images are <c>JPEGImages/{id}.jpg</c>.
/// Introduced in notebooks/05-data-and-augmentation.ipynb (annotations to image-level labels); trained on in
/// notebooks/10-capstone.ipynb.
/// </summary>
public static class Voc2007
{
    /// <summary>The 20 VOC classes in the official order.</summary>
    public static LabelVocabulary Labels { get; } = new(
    [
        "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
        "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
    ]);

    /// <summary>The image sets of VOC 2007's Main task.</summary>
    public static IReadOnlyList<string> ImageSets { get; } = ["train", "val", "trainval", "test"];

    /// <summary>
    /// The VOC2007 folder under <paramref name="root"/>: root itself when it holds Annotations, else root/VOC2007,
    /// else root/VOCdevkit/VOC2007.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">None of them has Annotations and ImageSets.</exception>
    public static string FindRoot(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var candidate in new[] { root, Path.Combine(root, "VOC2007"), Path.Combine(root, "VOCdevkit", "VOC2007") })
        {
            if (Directory.Exists(Path.Combine(candidate, "Annotations")) && Directory.Exists(Path.Combine(candidate, "ImageSets", "Main")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException(
            $"No VOC2007 folder (with Annotations/ and ImageSets/Main/) in {Path.GetFullPath(root)}, its VOC2007/ or its VOCdevkit/VOC2007/.");
    }

    /// <summary>The label table of one image set: rows <c>JPEGImages/{id}.jpg</c> with their labels.</summary>
    /// <exception cref="DataFormatException">A missing or malformed set file or annotation, or an unknown class; names file and line.</exception>
    public static LabelTable ReadLabels(string vocRoot, string imageSet, bool dropDifficult = false)
    {
        ArgumentNullException.ThrowIfNull(vocRoot);
        ArgumentNullException.ThrowIfNull(imageSet);
        if (!ImageSets.Contains(imageSet))
        {
            throw new ArgumentException($"Unknown image set '{imageSet}'; VOC 2007 has {string.Join(", ", ImageSets)}.", nameof(imageSet));
        }

        var setFile = Path.Combine(vocRoot, "ImageSets", "Main", imageSet + ".txt");
        if (!File.Exists(setFile))
        {
            throw new DataFormatException(setFile, null, $"image set file not found (the {imageSet} split is not in this copy of VOC 2007).");
        }

        var lines = File.ReadAllLines(setFile);
        var rows = new List<LabelRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            var id = lines[i].Trim();
            if (id.Length == 0)
            {
                continue;
            }

            if (id.IndexOfAny([' ', '/', '\\']) >= 0 || id.Contains("..", StringComparison.Ordinal))
            {
                throw new DataFormatException(setFile, i + 1, $"'{id}' is not an image id.");
            }

            if (!seen.TryAdd(id, i + 1))
            {
                throw new DataFormatException(setFile, i + 1, $"duplicate image id '{id}' (first on line {seen[id]}).");
            }

            var (fileName, labels) = ReadAnnotation(Path.Combine(vocRoot, "Annotations", id + ".xml"), dropDifficult);
            rows.Add(new LabelRow("JPEGImages/" + fileName, labels, null, i + 1));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(setFile, null, "the image set is empty.");
        }

        return new LabelTable(Labels, rows, setFile);
    }

    /// <summary>Opens one image set as a dataset (images decoded on demand, or preloaded).</summary>
    public static ImageFolderDataset Open(string root, string imageSet, bool dropDifficult = false, ImageFolderOptions? options = null)
    {
        var vocRoot = FindRoot(root);
        return ImageFolderDataset.Open(vocRoot, ReadLabels(vocRoot, imageSet, dropDifficult), options);
    }

    /// <summary>The image file name and the labels of one annotation file.</summary>
    /// <exception cref="DataFormatException">Missing or malformed XML, or an unknown class name.</exception>
    public static (string FileName, IReadOnlyList<string> Labels) ReadAnnotation(string path, bool dropDifficult)
    {
        ArgumentNullException.ThrowIfNull(path);
        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, null, "annotation file not found.", ex);
        }
        catch (XmlException ex)
        {
            throw new DataFormatException(path, ex.LineNumber, $"malformed XML: {ex.Message}", ex);
        }

        var annotation = document.Root;
        if (annotation?.Name.LocalName != "annotation")
        {
            throw new DataFormatException(path, Line(annotation), "the root element is not <annotation>.");
        }

        var fileName = annotation.Element("filename")?.Value.Trim();
        if (string.IsNullOrEmpty(fileName) || Path.GetFileName(fileName) != fileName)
        {
            throw new DataFormatException(path, Line(annotation), "missing or invalid <filename>.");
        }

        var labels = new SortedSet<int>();
        foreach (var obj in annotation.Elements("object"))
        {
            var name = obj.Element("name")?.Value.Trim() ?? "";
            int index = Labels.IndexOf(name);
            if (index < 0)
            {
                throw new DataFormatException(path, Line(obj.Element("name") ?? obj), $"unknown class '{name}'; VOC classes: {string.Join(", ", Labels.Names)}.");
            }

            bool difficult = obj.Element("difficult")?.Value.Trim() == "1";
            if (!(difficult && dropDifficult))
            {
                labels.Add(index);
            }
        }

        return (fileName, labels.Select(i => Labels[i]).ToList());
    }

    private static int? Line(XElement? element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
