// Lesson 05-data-and-augmentation as a .NET file-based app, exported by `mlc export-apps` from notebooks/05-data-and-augmentation.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/05-data-and-augmentation.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/05-data-and-augmentation/; exercises are checked as in the notebook: edit the solution regions here or there.
#:project ../lib/MultiLabel/MultiLabel.csproj
#:package $(TorchPackage)
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:property GenerateDocumentationFile=false
#:property AnalysisLevel=none
#:property CreateHardLinksForCopyLocalIfPossible=true
#:property NoWarn=$(NoWarn);CS1701;CS1702

using System.IO;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;
using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Runtime;
using MultiLabel.Viz;
using System.Xml.Linq;
using MultiLabel.Data;
using MultiLabel.Data.Voc;
using MultiLabel.Data.Shapes;
using MultiLabel.Imaging;
using MultiLabel.Data.Analysis;
using MultiLabel.Augment;
using MultiLabel.Randomness;

// # 05 · Data and augmentation: from files to batches
//
// **Goals.** After this notebook you can
//
// - say where multi-label targets come from (image-level tags, or boxes and masks turned into tags), and what label
//   noise and missing labels do to them;
// - turn PASCAL VOC box annotations into image-level multi-hot targets with the library's reader;
// - build a dataset from an image folder and a label CSV in both common conventions, and write a parser whose errors
//   say what is wrong and where;
// - decode an image file into a `[3, H, W]` tensor and say what a sample is;
// - apply flips, rotations, crops and colour jitter, look at each next to its original, and say when one of them
//   changes a label;
// - explain why a random transform must be decided per sample, show the TorchSharp trap that decides once per batch,
//   and write the fix;
// - normalise with statistics computed on the training split only;
// - build the whole pipeline step by step, inspecting a sample after each step, and read what a batch of the
//   background loader holds.
//
// The library code this lesson teaches, to read next to it:
// [Voc2007.cs](../lib/MultiLabel/Data/Voc/Voc2007.cs) ·
// [LabelFile.cs](../lib/MultiLabel/Data/LabelFile.cs) · [LabelTable.cs](../lib/MultiLabel/Data/LabelTable.cs) ·
// [ImageFolderDataset.cs](../lib/MultiLabel/Data/ImageFolderDataset.cs) · [IImageDataset.cs](../lib/MultiLabel/Data/IImageDataset.cs) ·
// [ImageDecoder.cs](../lib/MultiLabel/Imaging/ImageDecoder.cs) · [ITransform.cs](../lib/MultiLabel/Augment/ITransform.cs) ·
// [Flips.cs](../lib/MultiLabel/Augment/Flips.cs) · [Transforms.cs](../lib/MultiLabel/Augment/Transforms.cs) ·
// [Normalize.cs](../lib/MultiLabel/Augment/Normalize.cs) · [ChannelStatistics.cs](../lib/MultiLabel/Data/Analysis/ChannelStatistics.cs) ·
// [DataLoader.cs](../lib/MultiLabel/Data/DataLoader.cs) · [Batch.cs](../lib/MultiLabel/Data/Batch.cs).

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("05-data-and-augmentation");

// ## 1. Where labels come from
//
// A multi-label dataset pairs each image with the set of labels it shows. That set is written in one of two ways:
//
// - **image-level tags**: someone (or a web page, or a hashtag) lists what the image shows: `dog person`. Cheap to
//   collect, and exactly what a multi-label classifier learns.
// - **boxes or masks**: someone draws a rectangle (detection) or paints the pixels (segmentation) of every object, each
//   with a class. Expensive, and more than a classifier needs: an image's labels are the classes of its objects, so
//   boxes and masks *contain* image-level tags.
//
// PASCAL VOC 2007, the classic multi-label benchmark (lesson 10 trains on it), ships boxes: one XML file per image.
// The library's [Voc2007](../lib/MultiLabel/Data/Voc/Voc2007.cs) reader turns them into image-level labels. Here is a
// tiny VOC-style folder written on the spot (no download), with the same layout as the real one:

// ---- cell 2 ----

static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";   // a helper for printing shapes

var vocRoot = Path.Combine(Path.GetTempPath(), $"mlc-voc-{Environment.ProcessId}");
Directory.CreateDirectory(Path.Combine(vocRoot, "Annotations"));
Directory.CreateDirectory(Path.Combine(vocRoot, "ImageSets", "Main"));
var vocImages = new (string Id, (string Name, bool Difficult)[] Objects)[]
{
    ("000005", [("chair", false), ("chair", false), ("chair", true)]),
    ("000007", [("car", false)]),
    ("000009", [("horse", false), ("person", false), ("person", true)]),
    ("000012", [("bottle", true)]),
};
foreach (var (id, objects) in vocImages)
{
    var annotation = new XElement("annotation",
        new XElement("filename", id + ".jpg"),
        new XElement("size", new XElement("width", 500), new XElement("height", 375), new XElement("depth", 3)),
        objects.Select((o, k) => new XElement("object",
            new XElement("name", o.Name),
            new XElement("difficult", o.Difficult ? 1 : 0),
            new XElement("bndbox", new XElement("xmin", 20 + 90 * k), new XElement("ymin", 40), new XElement("xmax", 100 + 90 * k), new XElement("ymax", 300)))));
    annotation.Save(Path.Combine(vocRoot, "Annotations", id + ".xml"));
}

File.WriteAllLines(Path.Combine(vocRoot, "ImageSets", "Main", "train.txt"), vocImages.Select(v => v.Id));
Console.WriteLine(File.ReadAllText(Path.Combine(vocRoot, "Annotations", "000009.xml")));

// `Voc2007.ReadLabels(root, imageSet)` reads the image set's ids, opens each annotation and collects the *distinct*
// classes of its objects: three chair boxes make one `chair` label. VOC marks some objects **difficult** (hard to
// recognise without the context, often small); `dropDifficult: true` ignores them.

// ---- cell 3 ----
var vocTable = Voc2007.ReadLabels(vocRoot, "train");
var vocStrict = Voc2007.ReadLabels(vocRoot, "train", dropDifficult: true);
for (int i = 0; i < vocTable.Rows.Count; i++)
{
    var row = vocTable.Rows[i];
    int boxes = XDocument.Load(Path.Combine(vocRoot, "Annotations", Path.GetFileNameWithoutExtension(row.FileName) + ".xml")).Root!.Elements("object").Count();
    Console.WriteLine($"{row.FileName}: {boxes} box{(boxes == 1 ? "" : "es")} -> [{string.Join(", ", row.Labels)}]; without difficult objects [{string.Join(", ", vocStrict.Rows[i].Labels)}]");
}

var vocTargets = torch.tensor(vocTable.Rows.SelectMany(r => vocTable.Target(r)).ToArray(), new long[] { vocTable.Rows.Count, Voc2007.Labels.Count });
Display.Show(TensorTable.From(vocTargets, maxColumns: 20, columnNames: Voc2007.Labels.Names, title: "Multi-hot targets: one row per image, one column per VOC class"));

// **Label noise and missing labels.** A target row is what an annotator wrote, not the truth:
//
// - **Missing labels** are the common error of multi-label data: a 0 often means "nobody tagged it", not "it is not
//   there". The only object of 000012, a bottle, is marked difficult: with `dropDifficult` its row says "no label at
//   all", though the bottle is in the picture. Tags collected from the web miss far more (people tag what the photo
//   is *about*, not every object in it).
// - **Noisy labels**: a wrong class, a typo in a tag, a label of another dataset. A label file parser must stop at an
//   unknown label rather than drop it silently, or the typo becomes a missing label in every epoch (section 2 and
//   exercise 05.1).
//
// Both bias a model towards "no": the loss punishes it for every correct "yes" that the annotator missed. Lesson 08
// measures per-label errors and lesson 09 weighs positives; here the point is to know what a 0 means in your data.
//
// ## 2. A dataset from a folder and a label CSV
//
// Outside the benchmarks, a dataset is usually a folder of images plus a CSV file that lists each file's labels.
// Two conventions are common ([LabelFileFormat](../lib/MultiLabel/Data/LabelFileFormat.cs)); both may carry a `split`
// column (train, val, test):
//
// - **space-separated** (fastai, Kaggle Planet): `fname,labels,split` then `images/a.png,circle star,train`;
// - **one-hot** (scikit-learn's indicator matrix): a header of label names, `fname,circle,square,...,split`, then one 0/1
//   cell per label.
//
// The shipped shapes dataset is itself a folder and a space-separated CSV. The next cell copies eight of its images
// into a new folder and writes their labels both ways with [LabelFile](../lib/MultiLabel/Data/LabelFile.cs):

// ---- cell 4 ----

var shipped = ShapesLocator.FindShipped() ?? throw new DirectoryNotFoundException("data/shapes not found: open this notebook from the course's notebooks/ folder.");
var shippedTable = ShapesFiles.ReadLabels(shipped);
var folder = Path.Combine(Path.GetTempPath(), $"mlc-folder-{Environment.ProcessId}");
Directory.CreateDirectory(Path.Combine(folder, "images"));
var rows = shippedTable.Rows.Take(8).ToList();
foreach (var row in rows)
{
    File.Copy(Path.Combine(shipped, row.FileName), Path.Combine(folder, row.FileName), overwrite: true);
}

var spaceFile = Path.Combine(folder, "labels.csv");
var oneHotFile = Path.Combine(folder, "labels-onehot.csv");
LabelFile.WriteSpaceSeparated(spaceFile, rows, includeSplit: true);
LabelFile.WriteOneHot(oneHotFile, ShapesGenerator.Labels, rows, includeSplit: true);
Console.WriteLine("labels.csv (space-separated):\n" + string.Join("\n", File.ReadLines(spaceFile).Take(4)));
Console.WriteLine("\nlabels-onehot.csv (one-hot):\n" + string.Join("\n", File.ReadLines(oneHotFile).Take(4)));

// `LabelFile.Read` recognises the convention from the header. The **vocabulary** (which column is which label) needs
// care: a space-separated file only names the labels that occur, so without a given vocabulary the reader sorts the
// names it found (here five: none of the eight images has a star, so that label is missing altogether); a one-hot
// file's header fixes the order. Pass the dataset's vocabulary and both files give the same targets, column for column:

// ---- cell 5 ----
var guessed = LabelFile.Read(spaceFile);
var fromSpaces = LabelFile.Read(spaceFile, ShapesGenerator.Labels);
var fromOneHot = LabelFile.Read(oneHotFile, ShapesGenerator.Labels);
Console.WriteLine($"space-separated, no vocabulary given: {guessed.Labels}");
Console.WriteLine($"one-hot header:                      {LabelFile.Read(oneHotFile).Labels}");
bool same = fromSpaces.Rows.Zip(fromOneHot.Rows).All(pair => fromSpaces.Target(pair.First).SequenceEqual(fromOneHot.Target(pair.Second)));
Console.WriteLine($"with the shapes vocabulary ({ShapesGenerator.Labels}): both files give the same targets: {same}");

// A parser must refuse a bad file loudly and say where. Here a typo on line 4:

// ---- cell 6 ----
var badFile = Path.Combine(folder, "labels-typo.csv");
File.WriteAllLines(badFile, ["fname,labels,split", "images/a.png,circle,train", "images/b.png,,train", "images/c.png,star circel,val"]);
try
{
    LabelFile.Read(badFile, ShapesGenerator.Labels);
}
catch (DataFormatException e)
{
    Console.WriteLine($"{e.GetType().Name}: {e.Message}");
}

// **Exercise 05.1.** Write the heart of such a parser: the labels cell of one row (`"person dog"`) to a multi-hot
// vector over the vocabulary, in vocabulary order. An empty cell is an image without labels. A name outside the
// vocabulary must throw an exception whose message names the label and the line.

// ---- cell 7 ----
// EXERCISE 05.1: a label-CSV cell to a multi-hot vector, with a clear error (2 points)
float[] LabelsToMultiHot(string cell, string[] vocabulary, int line)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson05.LabelCell.Check(LabelsToMultiHot);

// Your parser on the file written above, row by row, against the library's reader:

// ---- cell 8 ----
var parseCell = Lesson05.LabelCell.AnswerOrModel(LabelsToMultiHot);
var csvLines = File.ReadAllLines(spaceFile);
string[] shapeNames = [.. ShapesGenerator.Labels.Names];
int agreeing = Enumerable.Range(1, csvLines.Length - 1)
    .Count(i => parseCell(csvLines[i].Split(',')[1], shapeNames, i + 1).SequenceEqual(fromSpaces.Target(fromSpaces.Rows[i - 1])));
Console.WriteLine($"rows where your parser and LabelFile.Read agree: {agreeing} of {csvLines.Length - 1}");

// ## 3. Decoding an image
//
// An image file is compressed bytes (PNG, JPEG, ...). **Decoding** turns them into pixels: height x width x 3 bytes in
// RGB order. The library decodes with ImageSharp, in one place
// ([ImageDecoder](../lib/MultiLabel/Imaging/ImageDecoder.cs)), which also applies the EXIF orientation of phone photos,
// removes an alpha channel, refuses absurd sizes and reports a corrupt or truncated file by name. A model wants a
// float tensor `[3, H, W]` with values in [0, 1]: byte v becomes v / 255 (lesson 02, exercise 02.1).

// ---- cell 9 ----

var firstFile = Path.Combine(folder, rows[0].FileName);
var rgb = ImageDecoder.DecodeRgb(firstFile);
var decoded = ImageDecoder.DecodeToTensor(firstFile);
Console.WriteLine($"{new FileInfo(firstFile).Length:N0} bytes of PNG -> {rgb.Width} x {rgb.Height} x 3 = {rgb.Pixels.Length:N0} bytes of RGB -> tensor {Shape(decoded)} {decoded.dtype}, " +
                  $"values {decoded.min().item<float>():F3} to {decoded.max().item<float>():F3}");
Console.WriteLine($"pixel (row 0, column 0): bytes ({rgb.Pixels[0]}, {rgb.Pixels[1]}, {rgb.Pixels[2]}) -> tensor ({decoded[0, 0, 0].item<float>():F4}, {decoded[1, 0, 0].item<float>():F4}, {decoded[2, 0, 0].item<float>():F4})");

var truncated = Path.Combine(folder, "truncated.png");
File.WriteAllBytes(truncated, File.ReadAllBytes(firstFile)[..300]);
try
{
    ImageDecoder.DecodeToTensor(truncated);
}
catch (ImageDecodeException e)
{
    Console.WriteLine($"the first 300 bytes only: {e.GetType().Name}: {e.Message}");
}

// ## 4. What a sample is
//
// A dataset ([IImageDataset](../lib/MultiLabel/Data/IImageDataset.cs)) answers three questions about sample i:
// `GetImage(i)`, a new `[3, H, W]` Float32 tensor in [0, 1] that the caller disposes; `GetTarget(i)`, its multi-hot
// target of length L (cheap: no pixel is decoded, so label statistics never touch images); and `GetName(i)`, its file
// name. An image folder plus a label table is a dataset:
// [ImageFolderDataset](../lib/MultiLabel/Data/ImageFolderDataset.cs). It checks every file when it opens (a missing
// image fails with the label file's line, or is skipped and reported) and decodes on demand, or once up front with
// `Preload`.

// ---- cell 10 ----

var dataset = ImageFolderDataset.Open(folder, fromSpaces);
using (var sampleImage = dataset.GetImage(1))
{
    Console.WriteLine($"sample 1: {dataset.GetName(1)}; image {Shape(sampleImage)} {sampleImage.dtype}; " +
                      $"target [{string.Join(", ", dataset.GetTarget(1).ToArray())}] = {Thumbnails.Caption(dataset.Labels, dataset.GetTarget(1))}");
}

Display.Show(ImageGrid.From(Thumbnails.Of(dataset, Enumerable.Range(0, dataset.Count), box: 64), columns: 8, displaySize: 96, title: "The folder dataset: 8 images and their labels"));

// ## 5. Augmentation, side by side
//
// Augmentation shows the model a slightly different version of each training image in every epoch, so it cannot
// memorise pixels and has to learn what stays the same. Every transform in
// [Augment/](../lib/MultiLabel/Augment/ITransform.cs) works on one image `[C, H, W]` and receives a generator of its
// own (`Pcg32`, [Randomness/Pcg32.cs](../lib/MultiLabel/Randomness/Pcg32.cs)) for its random choices:
// [Flips.cs](../lib/MultiLabel/Augment/Flips.cs) (flips and quarter turns),
// [RandomRotation.cs](../lib/MultiLabel/Augment/RandomRotation.cs), [RandomResizedCrop.cs](../lib/MultiLabel/Augment/RandomResizedCrop.cs),
// [ColorJitter.cs](../lib/MultiLabel/Augment/ColorJitter.cs) and [Compose.cs](../lib/MultiLabel/Augment/Compose.cs),
// which chains them. Here each one with the same generator seed, next to the original:

// ---- cell 11 ----

int shownIndex = 2;
var shownImage = dataset.GetImage(shownIndex);
string shownCaption = Thumbnails.Caption(dataset.Labels, dataset.GetTarget(shownIndex));
var augmentations = new (string Name, ITransform Transform)[]
{
    ("horizontal flip", new RandomHorizontalFlip(p: 1)),
    ("vertical flip", new RandomVerticalFlip(p: 1)),
    ("quarter turn", new RandomRotation90()),
    ("rotation up to 30°", new RandomRotation(30)),
    ("random resized crop", new RandomResizedCrop(64, scale: (0.25, 0.5))),
    ("colour jitter", new ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)),
    ("ShapesTraining (all of it)", Transforms.ShapesTraining),
};
var augmentedGrid = new ImageGrid(columns: 4, displaySize: 128, title: $"{dataset.GetName(shownIndex)} ({shownCaption}) and seven transforms of it");
augmentedGrid.Add(PngCodec.Encode(shownImage), "original", shownCaption);
foreach (var (name, transform) in augmentations)
{
    using var scope = torch.NewDisposeScope();
    augmentedGrid.Add(PngCodec.Encode(transform.Apply(shownImage, new Pcg32(11))), name);
}

Display.Show(augmentedGrid);

// **Which transforms are safe for which labels.** A transform is safe when every label stays true after it. The
// shapes labels say *which* shapes are present, not where or in which colour, so all of the above keep them, except
// the crop, which can cut a shape out of the picture while the target still says 1 (the crop above keeps only a corner
// of the square), and, more rarely, a rotation by an arbitrary angle, which can turn a shape near a corner out of the
// frame. In general:
//
// | transform | changes a label when... | examples |
// |---|---|---|
// | horizontal flip | the label is about left and right, or about text | "left hand", "arrow pointing right", "steering wheel on the left"; letters and digits (a mirrored 7 is no digit) |
// | vertical flip | gravity or orientation is part of the label | "sky", "standing person", street scenes; 6 and 9 (with a horizontal flip too: a half turn) |
// | rotation | orientation matters; arbitrary angles also resample the pixels and fill the corners | digits, "portrait"; quarter turns are exact and safe for satellite tiles, microscopy, shapes |
// | crop | the object can leave the picture (small or off-centre objects first) | a small bird at the border of a VOC photo; a star near the edge of a shapes image |
// | colour jitter | the label is a colour | "red car", "ripe", "sunset", "blond"; brightness and contrast are milder than a hue shift |
//
// A label that a flip turns false, drawn with tensor operations: an arrow whose label is the way it points.

// ---- cell 12 ----
var rowIndex = torch.arange(32, dtype: ScalarType.Float32).view(32, 1).expand(32, 32);
var columnIndex = torch.arange(32, dtype: ScalarType.Float32).view(1, 32).expand(32, 32);
var shaft = (rowIndex - 15.5).abs().le(2).logical_and(columnIndex.ge(4)).logical_and(columnIndex.lt(19));
var head = columnIndex.ge(19).logical_and(columnIndex.le(28)).logical_and((rowIndex - 15.5).abs().le((28 - columnIndex) * 0.9));
var arrowMask = shaft.logical_or(head).to(ScalarType.Float32);
var arrow = torch.stack(new[] { arrowMask * 0.9, arrowMask * 0.2, torch.full(32, 32, 0.95f) - arrowMask * 0.75 });   // a red arrow on blue
string PointsTo(Tensor image)   // which half of the picture holds more of the arrow's head: the label, as a rule
{
    var red = image[0] - image[1];
    return red[TensorIndex.Colon, TensorIndex.Slice(16, 32)].sum().item<float>() > red[TensorIndex.Colon, TensorIndex.Slice(0, 16)].sum().item<float>() ? "points right" : "points left";
}

var arrowGrid = new ImageGrid(columns: 4, displaySize: 96, title: "Target: [points right]. Which transform keeps it true?");
arrowGrid.Add(PngCodec.Encode(arrow), "original", PointsTo(arrow));
foreach (var (name, transform) in new (string, ITransform)[] { ("horizontal flip", new RandomHorizontalFlip(p: 1)), ("vertical flip", new RandomVerticalFlip(p: 1)), ("colour jitter", new ColorJitter(brightness: 0.4, hue: 0.1)) })
{
    var changed = transform.Apply(arrow, new Pcg32(3));
    arrowGrid.Add(PngCodec.Encode(changed), name, PointsTo(changed));
}

Display.Show(arrowGrid);
Console.WriteLine($"after a horizontal flip the arrow {PointsTo(new RandomHorizontalFlip(p: 1).Apply(arrow, new Pcg32(3)))}, while its target still says 'points right'");

// The vertical flip keeps this label (the arrow is symmetric top to bottom) and the colour jitter keeps it too, unless
// the label were "red arrow".
//
// This is why [Transforms.ShapesTraining](../lib/MultiLabel/Augment/Transforms.cs) uses flips, quarter turns and a mild
// jitter, and no crop; why MNIST digits get no augmentation by default
// ([DatasetCatalog](../lib/MultiLabel/Data/DatasetCatalog.cs)); and why VOC photos get a horizontal flip and
// ImageNet's random resized crop, whose default scale (8 % to 100 % of the area) can cut small objects out: label noise
// that the further-research challenge at the end measures.
//
// ## 6. Randomness per sample, not per batch
//
// A random flip must flip *each image* with probability 0.5: half of the images of a batch mirrored, a different half
// in every epoch. TorchSharp's `torchvision.transforms` decide **once per call**: given a batch `[B, C, H, W]`, its
// `RandomHorizontalFlip` draws one number and flips all B images, or none. The cell below calls it six times on a batch
// of 8 and prints, per image, `F` for flipped and `.` for unchanged (the library's
// [TorchVisionTransforms](../lib/MultiLabel/Augment/TorchVisionTransforms.cs) hands over torchvision's transforms, so
// that the notebook needs no package of its own for them; [TorchVisionAssembly](../lib/MultiLabel/Runtime/TorchVisionAssembly.cs)
// finds TorchVision.dll for the kernel):

// ---- cell 13 ----
var batchImages = torch.stack(Enumerable.Range(0, dataset.Count).Select(i => dataset.GetImage(i)).ToArray());
string FlipPattern(Tensor before, Tensor after) => string.Concat(Enumerable.Range(0, (int)before.shape[0])
    .Select(i => after[i].allclose(before[i], 0, 0) ? "." : after[i].allclose(before[i].flip(-1), 0, 0) ? "F" : "?"));

torch.manual_seed(0);
var torchvisionFlip = TorchVisionTransforms.RandomHorizontalFlip(0.5);   // torchvision.transforms.RandomHorizontalFlip(0.5).call
for (int call = 1; call <= 6; call++)
{
    Console.WriteLine($"torchvision RandomHorizontalFlip on the batch, call {call}: {FlipPattern(batchImages, torchvisionFlip(batchImages))}");
}

var torchvisionJitter = TorchVisionTransforms.ColorJitter(brightness: 0.5f);
for (int call = 1; call <= 2; call++)
{
    var factors = (torchvisionJitter(batchImages).mean(new long[] { 1, 2, 3 }) / batchImages.mean(new long[] { 1, 2, 3 })).data<float>().ToArray();
    Console.WriteLine($"torchvision ColorJitter(brightness 0.5) on the batch, call {call}: the mean brightness of each image times {string.Join(", ", factors.Select(f => f.ToString("F3")))}");
}

// All or nothing: within a batch the decisions are perfectly correlated, so a batch arrives either as its images or as
// all their mirror images, never as a mix, and BatchNorm's batch statistics jump between the two. The colour jitter has the same flaw:
// one brightness factor for the whole batch (the factors differ a little only where pixels were clipped at 1).
//
// The library's fix: the [DataLoader](../lib/MultiLabel/Data/DataLoader.cs) applies the transform to **each sample**,
// and gives sample i of epoch e its own generator, derived from (seed, epoch, i). Decisions differ across images and
// across epochs, and a run repeats exactly: the same seed gives the same flips again.

// ---- cell 14 ----
var perSample = new DataLoader(dataset, batchSize: 8, shuffle: false, seed: 1, transform: new RandomHorizontalFlip());
for (int epoch = 0; epoch < 3; epoch++)
{
    using var flipped = perSample.MakeBatch(epoch, 0);
    Console.WriteLine($"library RandomHorizontalFlip per sample, epoch {epoch}: {FlipPattern(batchImages, flipped.Images)}");
}

using (var again = perSample.MakeBatch(0, 0))
{
    Console.WriteLine($"epoch 0 once more:                             {FlipPattern(batchImages, again.Images)}");
}

// **Exercise 05.2.** Write the per-sample flip for a whole batch: image i is mirrored left to right with probability
// p, the decision drawn from `generators[i]` (one generator per image, as the loader hands them out). Do not change the
// input batch.

// ---- cell 15 ----
// EXERCISE 05.2: a random flip decided per sample (2 points)
Tensor FlipEach(Tensor images, double p, Pcg32[] generators)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson05.PerSampleFlip.Check(FlipEach);

// Your flip as the loader's transform (an `ITransform` made from a function with `LambdaTransform`): the loader calls
// it with one image and that image's generator, so it takes the same decisions as the library's flip.

// ---- cell 16 ----
var flipEach = Lesson05.PerSampleFlip.AnswerOrModel(FlipEach);
var yourFlip = new LambdaTransform((image, rng) => flipEach(image.unsqueeze(0), 0.5, [rng]).squeeze(0), "your FlipEach");
var yourLoader = new DataLoader(dataset, batchSize: 8, shuffle: false, seed: 1, transform: yourFlip);
for (int epoch = 0; epoch < 3; epoch++)
{
    using var yours = yourLoader.MakeBatch(epoch, 0);
    using var library = perSample.MakeBatch(epoch, 0);
    Console.WriteLine($"your FlipEach in the loader, epoch {epoch}: {FlipPattern(batchImages, yours.Images)} (the library's: {FlipPattern(batchImages, library.Images)})");
}

// ## 7. Normalisation with the training split's statistics
//
// Pixels in [0, 1] all sit on one side of zero, and the three channels have different averages and spreads.
// **Normalising** subtracts each channel's mean and divides by its standard deviation
// ([Normalize](../lib/MultiLabel/Augment/Normalize.cs), as in lesson 02's exercise 02.2), so the inputs are centred
// with unit spread: the first layer's gradients are better balanced and one learning rate suits all weights. A
// pretrained model expects the statistics it was trained with (`Normalize.ImageNet`, lesson 06).
//
// The statistics come from the **training split only**. Validation and test stand in for images the model has never
// seen; statistics that looked at them would leak a little of them into training. Once computed, the same numbers
// normalise every split.
//
// **Exercise 05.3.** Compute one mean and one standard deviation per channel over every pixel of the training images
// (`splits[i]` names the split of image i: `"train"`, `"val"` or `"test"`). The sample standard deviation (n − 1, the
// default of `std`) and the population one (n, `unbiased: false`) are both accepted: over the thousands of pixels of
// even one image they agree to about four digits, over a whole split to seven.

// ---- cell 17 ----
// EXERCISE 05.3: per-channel mean and std of the training split (2 points)
(Tensor Mean, Tensor Std) ChannelStats(Tensor images, string[] splits)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson05.ChannelStats.Check(ChannelStats);

// Your function on the first images of the shipped dataset, all three splits together (the split column of its label
// file tells them apart); then a `Normalize` built from its result, applied to the training images and to the test
// images:

// ---- cell 18 ----
var channelStats = Lesson05.ChannelStats.AnswerOrModel(ChannelStats);
var statsRows = shippedTable.Rows.Take(FastMode.Choose(1200, 120)).ToList();
var statsImages = torch.stack(statsRows.Select(r => ImageDecoder.DecodeToTensor(Path.Combine(shipped, r.FileName))).ToArray());
string[] statsSplits = [.. statsRows.Select(r => LabelFile.SplitName(r.Split!.Value))];
var (trainMean, trainStd) = channelStats(statsImages, statsSplits);
var normalize = new Normalize(trainMean.data<float>().ToArray(), trainStd.data<float>().ToArray());
Console.WriteLine($"{statsRows.Count} images, {statsSplits.Count(s => s == "train")} of them training images: {normalize}");

string ChannelSummary(string split)
{
    using var scope = torch.NewDisposeScope();
    long[] picked = [.. Enumerable.Range(0, statsSplits.Length).Where(i => statsSplits[i] == split).Select(i => (long)i)];
    var normalised = normalize.Apply(statsImages.index_select(0, torch.tensor(picked)));
    var means = normalised.mean(new long[] { 0, 2, 3 }).data<float>().ToArray();
    var stds = normalised.std(new long[] { 0, 2, 3 }).data<float>().ToArray();
    return $"{split,-5} images after Normalize: channel means {string.Join(", ", means.Select(m => m.ToString("F3")))}; stds {string.Join(", ", stds.Select(s => s.ToString("F3")))}";
}

Console.WriteLine(ChannelSummary("train"));
Console.WriteLine(ChannelSummary("test"));

// The training images come out at mean 0 and standard deviation 1 per channel, exactly (that is what the statistics
// were computed for); the test images only approximately, as new images will. Measured without fast mode (1,200
// images, 847 of them training images): the test images' channel means after normalisation were 0.041, 0.038 and
// 0.008, their standard deviations 0.991, 1.004 and 0.976.
//
// The library computes the same statistics over a whole dataset image by image (in Float64 sums, so a dataset of any
// size fits in memory): [ChannelStatistics](../lib/MultiLabel/Data/Analysis/ChannelStatistics.cs). On the full
// training split of the shipped data (measured: means 0.4623, 0.4674, 0.4600 and standard deviations 0.1846, 0.1935,
// 0.1827 over the 2,791 training images, close to the 847 images above):

// ---- cell 19 ----
var trainSplit = ImageFolderDataset.Open(shipped, shippedTable.OfSplit(Split.Train));
var libraryStats = ChannelStatistics.Compute(trainSplit, maxImages: FastMode.Choose<int?>(null, 120));
Console.WriteLine($"ChannelStatistics.Compute: {libraryStats}");
Console.WriteLine($"your function on the first {statsRows.Count} images: {normalize}");

// ## 8. The pipeline step by step
//
// A training sample goes through decode, then the random augmentations, then normalisation. Here one sample, step by
// step, with one generator for the whole pipeline, made the way the loader makes one per sample
// (`Pcg32.Derive(seed, ..., epoch, index)` derives a generator from a path of numbers; the loader adds a stream number
// of its own):

// ---- cell 20 ----
var pipelineSteps = new (string Name, ITransform Step)[]
{
    ("random horizontal flip", new RandomHorizontalFlip()),
    ("random vertical flip", new RandomVerticalFlip()),
    ("random quarter turn", new RandomRotation90()),
    ("colour jitter 0.15", new ColorJitter(brightness: 0.15, contrast: 0.15, saturation: 0.15)),
    ("normalise (training statistics)", normalize),
};
int pipelineIndex = 3;
var stepGenerator = Pcg32.Derive(1, 0, pipelineIndex);
var current = dataset.GetImage(pipelineIndex);
var stepTable = new Table(["step", "changed the image", "shape", "dtype", "min", "max", "mean"], $"{dataset.GetName(pipelineIndex)} ({Thumbnails.Caption(dataset.Labels, dataset.GetTarget(pipelineIndex))}) after each step");
var stepGrid = new ImageGrid(columns: 6, displaySize: 112, title: "After each step (the normalised image is drawn clamped to [0, 1])");
void AddStep(string name, Tensor image, string changed)
{
    stepTable.AddRow(name, changed, Shape(image), image.dtype.ToString(), image.min().item<float>().ToString("F3"), image.max().item<float>().ToString("F3"), image.mean().item<float>().ToString("F3"));
    stepGrid.Add(PngCodec.Encode(image), name);
}

AddStep("decoded", current, "");
foreach (var (name, step) in pipelineSteps)
{
    var next = step.Apply(current, stepGenerator);
    AddStep(name, next, next.allclose(current, 0, 0) ? "no (its draw said no)" : "yes");
    current = next;
}

Display.Show(stepTable);
Display.Show(stepGrid);
var pipeline = new Compose([.. pipelineSteps.Select(s => s.Step)]);
using (var composed = pipeline.Apply(dataset.GetImage(pipelineIndex), Pcg32.Derive(1, 0, pipelineIndex)))
{
    Console.WriteLine($"Compose of the five steps with the same generator gives the same tensor: {composed.allclose(current, 0, 0)}");
}

// ## 9. The background loader and what a batch holds
//
// The [DataLoader](../lib/MultiLabel/Data/DataLoader.cs) groups samples into batches. Per epoch it draws an order (with
// `shuffle`, a different one each epoch, a function of the seed and the epoch only), and for each batch it decodes and
// transforms its samples and stacks them. With `workers: n`, n background threads build the next batches while the
// consumer trains on the current one; the batches come out in the same order and with the same contents whatever n is.
//
// A [Batch](../lib/MultiLabel/Data/Batch.cs) holds `Images` `[B, 3, H, W]`, `Targets` `[B, L]` (Float32, like the
// logits the loss compares them with) and `Indices`, the dataset index of each row (to find a sample's file again).
// Its tensors belong to no dispose scope: dispose each batch after use.

// ---- cell 21 ----
var loaderImages = FastMode.Choose(trainSplit.Count, 256);
var loaderData = new SubsetDataset(trainSplit, Enumerable.Range(0, loaderImages));
var loader = new DataLoader(loaderData, batchSize: 64, shuffle: true, seed: 1, transform: pipeline, workers: 2);
using (var first = loader.MakeBatch(0, 0))
{
    Console.WriteLine($"{loader.BatchCount} batches of {loader.BatchSize}; batch 0 of epoch 0: images {Shape(first.Images)} {first.Images.dtype}, targets {Shape(first.Targets)} {first.Targets.dtype}");
    Console.WriteLine($"its first dataset indices: {string.Join(", ", first.Indices.Take(8))}; the targets of the first two rows:");
    Display.Show(TensorTable.From(first.Targets[TensorIndex.Slice(0, 2)], columnNames: loaderData.Labels.Names));
}

Console.WriteLine($"epoch 1 starts with {string.Join(", ", loader.Order(1).Take(8))}; epoch 0 again with {string.Join(", ", loader.Order(0).Take(8))}");
var serialLoader = new DataLoader(loaderData, batchSize: 64, shuffle: true, seed: 1, transform: pipeline, workers: 0);
bool sameBatches = loader.Epoch(1).Zip(serialLoader.Epoch(1)).Take(2).All(pair =>
{
    using (pair.First)
    using (pair.Second)
    {
        return pair.First.Images.allclose(pair.Second.Images, 0, 0) && pair.First.Indices.SequenceEqual(pair.Second.Indices);
    }
});
Console.WriteLine($"the first two batches of epoch 1 with 2 workers and with none are identical: {sameBatches}");

// Does the background loading pay? One epoch through the loader, built on the consumer's thread (`workers: 0`) and by
// two background threads, first with a consumer that only disposes each batch (the time is all data loading: decoding,
// augmenting, normalising, stacking), then with a consumer that is busy for 100 ms per batch without using the CPU
// (`Thread.Sleep`), which is what a training step on a GPU looks like from the CPU's side:

// ---- cell 22 ----
var timings = new Table(["workers", "consumer", "images", "seconds", "images/s", "of which GC pauses (s)"], $"One epoch of {loaderData.Count} images in batches of 64");
foreach (bool busy in new[] { false, true })
{
    foreach (int workers in new[] { 0, 2 })
    {
        var timed = new DataLoader(loaderData, batchSize: 64, shuffle: true, seed: 1, transform: pipeline, workers: workers);
        var pausedBefore = GC.GetTotalPauseDuration();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long seen = 0;
        foreach (var batch in timed.Epoch(0))
        {
            if (busy)
            {
                Thread.Sleep(100);   // the consumer's own work on the batch
            }

            seen += batch.Size;
            batch.Dispose();
        }

        double seconds = clock.Elapsed.TotalSeconds;
        timings.AddRow(workers.ToString(), busy ? "busy 100 ms per batch" : "nothing (disposes)", seen.ToString(), seconds.ToString("F2"), (seen / seconds).ToString("F0"),
            (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds.ToString("F2"));
    }
}

Display.Show(timings);
Console.WriteLine($"on {Environment.ProcessorCount} cores");

// Measured without fast mode on a 2-core AMD EPYC CPU (no GPU), shared with other jobs, over the 2,791 training images:
// with a consumer that does nothing, two workers were *slower* than none (8.14 s against 5.45 s): with the consumer
// idle there is nothing to overlap, and two loader threads compete for two busy cores. With the consumer busy 100 ms
// per batch (4.4 s over the 44 batches), the workers hid the loading almost completely: 4.72 s for the epoch, against
// 8.48 s without them. Garbage-collection pauses took at most 0.23 s of any run. Background workers pay when the
// consumer leaves the CPU free (a GPU trains) or when there are cores to spare; on a small CPU that trains itself,
// `workers: 0` is as good. Either way the batches are the same.
//
// ## Summary
//
// - Multi-label targets are image-level tags; boxes and masks contain them (the distinct classes of an image's
//   objects). A 0 in a target often means "not annotated": missing labels are the typical noise of multi-label data.
// - `Voc2007.ReadLabels` turns VOC's XML boxes into multi-hot rows (`dropDifficult` ignores objects marked difficult).
// - A folder plus a label CSV is a dataset: space-separated (`fname,labels[,split]`) or one-hot (a column per label).
//   Fix the vocabulary, and let the parser fail on an unknown label with the file and the line.
// - Decoding turns file bytes into H x W x 3 bytes, then a `[3, H, W]` Float32 tensor in [0, 1]. A sample is
//   (image, multi-hot target, name).
// - A transform is safe when every label stays true after it: flips break left/right and text labels, vertical flips
//   and rotations break orientation, crops can cut objects out, colour jitter breaks colour labels.
// - `torchvision.transforms` on a batch decide once for the whole batch. Decide per sample, from a generator per
//   sample (the library's loader derives it from seed, epoch and index): different across images and epochs, and
//   repeatable.
// - Normalise with per-channel statistics of the training split only, and use them for every split.
// - A batch holds images `[B, 3, H, W]`, targets `[B, L]` and the indices of its samples; the loader's workers build
//   batches ahead without changing them.
//
// ## Questionnaire
//
// 1. An image of a VOC-style dataset has boxes: person, person, dog, person (difficult). What is its target with and
//    without `dropDifficult`?
// 2. Why is a 0 in a multi-label target less trustworthy than a 1?
// 3. A space-separated label file and a one-hot file describe the same images, but a model trained on one scores
//    badly on the other. What did the reader probably do?
// 4. Why should a label parser throw on an unknown label instead of skipping it?
// 5. Which augmentations would you use for chest X-rays with the label "heart on the right side" (dextrocardia)?
//    For satellite tiles labelled "cloud", "road", "water"?
// 6. `torchvision.transforms.RandomHorizontalFlip(0.5)` is applied to every batch of an epoch. What fraction of the
//    images are flipped on average, and what is wrong?
// 7. Why must the flip of sample i come from a generator of its own rather than one shared generator, when the loader
//    uses background workers?
// 8. Why are the normalisation statistics computed on the training split only, and what do you use for the test split?
// 9. A batch's `Targets` is `[64, 6]`. What are its rows and columns, and what is `Indices[5]`?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. Labels person and dog either way: the difficult box repeats a label that a plain box already gives. (Had the
//    difficult box been the only person, `dropDifficult` would drop the label.)
// 2. Annotators list what they notice; a missing tag looks exactly like an absent object. A 1 was written on purpose.
// 3. It built a different vocabulary (column order) for each file: a space-separated file without a given vocabulary
//    sorts the names it found, a one-hot file follows its header. Give the same vocabulary to both.
// 4. A typo or a foreign label would silently become a missing label, in every epoch, with no trace. Stopping with the
//    label and the line costs a minute to fix.
// 5. X-rays: no horizontal flip (it turns the label into its opposite); small rotations, crops that keep the heart,
//    brightness and contrast jitter. Satellite tiles: flips and quarter turns are safe (no up or left from space);
//    crops may cut a road out; keep colour jitter mild, since water and cloud are partly told apart by colour.
// 6. Half on average, but a batch is all flipped or all unflipped: images within a batch are perfectly correlated, each
//    batch is seen in only two versions, and BatchNorm's statistics jump between them.
// 7. With one shared generator the decisions depend on which thread draws first: the run no longer repeats, and the
//    decisions change with the number of workers. A generator per (seed, epoch, index) gives the same decision whoever
//    builds the batch.
// 8. Validation and test stand in for unseen data; statistics that looked at them leak information. The test split is
//    normalised with the training statistics, like every image the model will ever see.
// 9. One row per image of the batch, one column per label (6 shapes), 0 or 1. `Indices[5]` is the dataset index of the
//    sixth image: `dataset.GetName(batch.Indices[5])` is its file.
// </details>
//
// ## Further research
//
// How often does a random resized crop turn a true label false? The shapes generator knows where it put every shape
// ([ShapesGenerator](../lib/MultiLabel/Data/Shapes/ShapesGenerator.cs)). Draw crops with
// `RandomResizedCrop.DrawCrop` for a few hundred training images and count the (image, label) pairs whose shape no
// longer shows, for scale ranges (0.08, 1), (0.25, 1) and (0.5, 1). Then train lesson 04's `TrainingRun` with a crop
// added to the augmentation (one more entry in [AugmentationCatalog](../lib/MultiLabel/Data/AugmentationCatalog.cs),
// named by `TrainingRecipe.Augment`) and see whether
// the label noise you measured costs test micro-F1.

// ---- cell 23 ----
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("05"));
