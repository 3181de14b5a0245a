// Lesson 01-what-is-multilabel as a .NET file-based app, exported by `mlc export-apps` from notebooks/01-what-is-multilabel.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/01-what-is-multilabel.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/01-what-is-multilabel/; exercises are checked as in the notebook: edit the solution regions here or there.
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
using MultiLabel.Data;
using MultiLabel.Data.Analysis;

// # 01 · What is multi-label classification?
//
// **Goals.** After this notebook you can
//
// - tell multi-class from multi-label classification, and say why one uses a softmax and the other a sigmoid per label;
// - browse the course's shipped dataset as an image grid with its labels;
// - measure a multi-label dataset: label frequency, labels per image (cardinality) and which labels come together,
//   P(j | i) and lift, rather than raw co-occurrence counts;
// - say why "always answer no" scores well on accuracy and what a meaningful baseline is.

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("01-what-is-multilabel");

// ## 1. One answer, or several?
//
// | | multi-class | multi-label |
// |---|---|---|
// | question | *which one* of L classes is this? | *which* of L labels apply? (any number, also none) |
// | target | one class index (or a one-hot vector) | a **multi-hot** vector: one 0/1 entry per label |
// | model output | L logits; a **softmax** turns them into probabilities that sum to 1 | L logits; a **sigmoid per label** turns each into an independent probability |
// | decision | the class with the highest probability | every label whose probability passes a threshold |
// | example | a digit: 0-9 | a photo: person, dog, car, all at once |
//
// In both cases the network itself ends in raw logits; the softmax or the sigmoids sit in the loss during training
// (lesson 03) and are applied to read probabilities. The softmax makes classes compete: raising one probability lowers
// the others. A multi-label model needs the opposite: "dog" being likely says nothing about "car". Here are the same
// three logits through both:

// ---- cell 2 ----
var logits = torch.tensor(new float[] { 2.0f, 1.5f, -1.0f });
string[] names = ["person", "dog", "car"];
double[] softmax = torch.softmax(logits, 0).data<float>().Select(v => (double)v).ToArray();
double[] sigmoid = torch.sigmoid(logits).data<float>().Select(v => (double)v).ToArray();
Display.Show(Charts.GroupedBar("The same logits as a softmax and as sigmoids", names,
    new[] { ("softmax (sums to 1)", (IReadOnlyList<double>)softmax), ("sigmoid per label", (IReadOnlyList<double>)sigmoid) }, "probability"));
Console.WriteLine($"softmax: {string.Join(", ", softmax.Select(p => p.ToString("F3")))} (sum {softmax.Sum():F2}); sigmoids: {string.Join(", ", sigmoid.Select(p => p.ToString("F3")))} (sum {sigmoid.Sum():F2})");

// With the sigmoids, "person" (0.881) and "dog" (0.818) are both likely, which is what the image may well show; the
// softmax splits one unit of probability between them (0.604 and 0.366) and would force us to pick one.
//
// ## 2. The shipped dataset: shapes
//
// The course's default dataset needs no download: coloured shapes (circle, square, triangle, cross, ring, star) on
// textured backgrounds, 0 to 4 shapes per image. It ships with the course as 4,000 PNG files of 64 x 64 pixels with a
// labels CSV (`data/shapes/`, with a datasheet in its README), drawn by the library from a seed, so everyone sees the
// same images; `mlc data shapes` regenerates them byte for byte. Each image has its labels and its split (train,
// validation or test). `DatasetCatalog.Load` reads it, the same call `mlc train` makes:

// ---- cell 3 ----

var data = DatasetCatalog.Load(new DataSourceOptions("shapes"));
var vocabulary = data.Labels;
Console.WriteLine(data.Description);
Console.WriteLine($"{data.Train.Count} train, {data.Val.Count} validation and {data.Test.Count} test images; labels: {vocabulary}");

// Look at the data before modelling it. The grid shows the first images with their labels:

// ---- cell 4 ----
var first = Thumbnails.Of(data.Train, Enumerable.Range(0, 16), box: 64);
Display.Show(ImageGrid.From(first, columns: 8, displaySize: 112, title: "The first training images of the shapes dataset"));

// Things to notice: the number of shapes varies, a shape may appear twice (its label is still just present), shapes
// can overlap, and some images have no shape at all. The targets of the training split form an `[N, 6]` multi-hot
// matrix; lesson 02 does this with tensors, here plain arrays do:

// ---- cell 5 ----
float[][] targets = Enumerable.Range(0, data.Train.Count).Select(i => data.Train.GetTarget(i).ToArray()).ToArray();
Console.WriteLine($"{data.Train.GetName(0)}: [{string.Join(", ", targets[0])}] = {Thumbnails.Caption(vocabulary, targets[0])}");

// ## 3. Label frequency
//
// How many images carry each label? This is the first number to look at in any multi-label dataset. The library's
// `DatasetStatistics` computes it from the targets (no pixels), the same numbers `mlc data stats` prints and the
// datasheet shows:

// ---- cell 6 ----
var stats = DatasetStatistics.Compute("train", data.Train);
double[] frequency = stats.Frequencies.Select(f => f.Fraction).ToArray();
Display.Show(Charts.Bar("Label frequency: the share of training images that carry each label", vocabulary.Names, frequency, yTitle: "share of images"));
Console.WriteLine(string.Join(", ", stats.Frequencies.Select(f => $"{f.Label} {f.Count} ({f.Fraction:P1})")) + $"; imbalance {stats.ImbalanceRatio:F1} : 1");

// The labels are **imbalanced**: circles are in 46.4 % of the training images, stars in 4.2 %, so the most frequent label
// is 11.2 times as frequent as the rarest. That is normal in real data (photos show people far more often than giraffes)
// and deliberate here.
//
// ## 4. Labels per image
//
// The number of labels per image, the **cardinality**, varies from 0 to the number of labels. Its mean tells how
// "multi" the task is.
//
// **Exercise 01.1.** Compute the label cardinality: the mean number of labels per image. The example is a sample of
// five images with three labels (`[[1, 0, 1], [0, 0, 0], [1, 1, 1], [0, 0, 1], [1, 0, 0]]`).

// ---- cell 7 ----
// EXERCISE 01.1: label cardinality (1 point)
double Cardinality(float[][] targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson01.Cardinality.Check(Cardinality);

// The distribution behind the mean, from the library's statistics (compare its mean with what your function returns
// for `targets`):

// ---- cell 8 ----
var histogram = stats.Cardinality.Histogram;
Display.Show(Charts.Bar("Labels per training image", Enumerable.Range(0, histogram.Count).Select(k => k.ToString()).ToList(),
    histogram.Select(c => (double)c).ToList(), xTitle: "number of labels", yTitle: "images"));
Console.WriteLine($"mean {stats.Cardinality.Mean:F3} labels per image; {histogram[0]} of {stats.Images} images ({stats.Cardinality.EmptyFraction:P1}) have none");

// An image with no label at all is a valid answer that a model must be able to give: 219 of the 2,791 training images
// (7.8 %) show no shape.
//
// ## 5. Accuracy, and a baseline that means something
//
// A multi-label prediction is N x L separate yes/no decisions. **Hamming accuracy** is the share of those decisions
// that are right (its complement is the Hamming loss of lesson 08).
//
// **Exercise 01.2.** Write `HammingAccuracy(targets, predictions)`: both are N x L matrices of 0s and 1s.

// ---- cell 9 ----
// EXERCISE 01.2: Hamming accuracy (2 points)
double HammingAccuracy(float[][] targets, float[][] predictions)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson01.HammingAccuracy.Check(HammingAccuracy);

// Now a "model" that learns nothing: it always answers *no*, for every label of every image. Per label, its accuracy
// is the share of images without that label, which is high for rare labels:

// ---- cell 10 ----
double[] alwaysNoPerLabel = frequency.Select(f => 1 - f).ToArray();
Display.Show(Charts.Bar("Accuracy of always answering \"no\", per label", vocabulary.Names, alwaysNoPerLabel, yTitle: "accuracy").YAxis(min: 0, max: 1));

// Over all labels, your `HammingAccuracy` measures it (a cell that builds on an exercise uses your function when it
// passes its check, and the model answer otherwise):

// ---- cell 11 ----
var hamming = Lesson01.HammingAccuracy.AnswerOrModel(HammingAccuracy);
float[][] alwaysNo = targets.Select(t => new float[t.Length]).ToArray();
double emptyShare = targets.Count(t => t.Sum() == 0) / (double)targets.Length;
Console.WriteLine($"always 'no': Hamming accuracy {hamming(targets, alwaysNo):P1}, exact-match ratio {emptyShare:P1}, micro-F1 0 (it finds no label at all)");

// 72.0 % Hamming accuracy for a model that learned nothing: on this data, 1 minus the mean cardinality divided by the
// number of labels (1 - 1.68 / 6). Its micro-F1 is exactly 0, because it never finds a label, so "micro-F1 above
// always-no" says nothing; a model has to beat **72.0 % Hamming accuracy**, and the label priors of section 3, to have
// learned anything. That is why multi-label work reports precision, recall and F1 per label, averaged in ways that
// are fair to rare labels (lesson 08), and may weight rare labels up in the loss (lesson 09).
//
// ## 6. Which labels come together?
//
// Counting the images that carry both labels i and j gives a matrix whose entries mostly follow the labels'
// frequencies (two frequent labels meet often by chance). More telling is the conditional frequency
//
//   P(j | i) = (images with both i and j) / (images with i),
//
// the share of the images with label i that also carry label j. Compare it with P(j), the label's frequency: when
// P(j | i) = P(j), knowing i tells nothing about j; their ratio, the **lift**, is 1 for independent labels.
//
// **Exercise 01.3.** Write `ConditionalCooccurrence(targets)`: the L x L matrix with P(j | i) in row i, column j. A label
// that no image carries has no such images: define its row as 0 (not NaN, the convention of scikit-learn's
// `zero_division=0`).

// ---- cell 12 ----
// EXERCISE 01.3: P(j | i), how often label j comes with label i (2 points)
double[,] ConditionalCooccurrence(float[][] targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson01.ConditionalCooccurrence.Check(ConditionalCooccurrence);

// Your function on the training targets, and the lift P(j | i) / P(j) next to it:

// ---- cell 13 ----
var conditional = Lesson01.ConditionalCooccurrence.AnswerOrModel(ConditionalCooccurrence)(targets);
int L = vocabulary.Count;
var lift = new double[L, L];
for (int i = 0; i < L; i++)
{
    for (int j = 0; j < L; j++)
    {
        lift[i, j] = frequency[j] == 0 ? 0 : conditional[i, j] / frequency[j];
    }
}

Display.Show(Charts.Heatmap("P(column | row): the share of the row label's images that show the column label", conditional, vocabulary.Names));
Display.Show(Charts.Heatmap("Lift: P(column | row) / P(column); 1 means independent", lift, vocabulary.Names));
var pairs = Enumerable.Range(0, L * L).Where(k => k / L != k % L).Select(k => (Row: vocabulary[k / L], Column: vocabulary[k % L], Lift: lift[k / L, k % L])).OrderBy(p => p.Lift).ToList();
Console.WriteLine($"lift off the diagonal: from {pairs[0].Lift:F2} ({pairs[0].Column} given {pairs[0].Row}) to {pairs[^1].Lift:F2} ({pairs[^1].Column} given {pairs[^1].Row}); " +
                  $"median {pairs[pairs.Count / 2].Lift:F2}");

// The diagonal of P(j | i) is 1 (an image with label i has label i). Off the diagonal, every lift on the training split
// is below 1, from 0.70 (star given cross) to 0.95 (star given circle), median 0.88 (no training is involved, so fast mode
// does not change these numbers; the pairs with star rest on only 116 images): any two shapes appear together *less*
// often than independent labels would. The generator explains it: it draws the number
// of shapes of an image (0 to 4), then each shape's kind; a slot that shows a circle cannot show a star, so among an
// image's few shapes the labels compete. A model could learn that "this image already shows three kinds, a fourth is
// unlikely". Real datasets have strong positive pairs (person and bicycle, sea and boat), which a model can exploit or be
// fooled by: a boat on a road.
//
// ## Summary
//
// - Multi-class: one answer among L, softmax. Multi-label: any subset of L labels, one sigmoid per label. Both networks
//   end in raw logits; the softmax or sigmoid belongs to the loss and to reading probabilities.
// - Targets are multi-hot vectors; a dataset's targets form an [N, L] matrix.
// - Look at the data first: an image grid, label frequency, labels per image, P(j | i) and lift (raw co-occurrence
//   counts mostly repeat the frequencies). In the shapes data every lift is below 1: labels compete for an image's
//   few shapes.
// - The shipped shapes data is imbalanced (star in 4.2 % of the training images), has 0 to 4 labels per image (mean
//   1.68) and 7.8 % of images without a label.
// - "Always no" reaches 72.0 % Hamming accuracy and micro-F1 0: compare models with baselines that mean something.
//
// ## Questionnaire
//
// 1. Name one task that is multi-class and one that is multi-label. What makes the difference?
// 2. Why would a softmax over the labels be wrong for multi-label classification?
// 3. A dataset has 6 labels and a label cardinality of 1.9. What does that tell you? Can an image have 0 labels?
// 4. A label occurs in 2 % of the images. What accuracy does "always no" reach on it, and why is that useless?
// 5. What is the Hamming accuracy of "always no" on a dataset with L labels and cardinality c?
// 6. Why does the raw co-occurrence count of two frequent labels say little, and what does a lift of 1 mean?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. Digit recognition is multi-class (exactly one digit); tagging photos is multi-label (any set of tags, possibly
//    none). The difference is whether the labels exclude each other.
// 2. A softmax makes the probabilities sum to 1, so labels compete: raising one lowers the others, and the model
//    cannot say "both" or "none".
// 3. On average an image carries 1.9 of the 6 labels: the task is genuinely multi-label. Yes: a cardinality is a mean,
//    and images without any label are common (7.8 % of the shapes training images).
// 4. 98 %: it is right on every image without the label. It never finds the label, so its recall and F1 on it are 0.
// 5. 1 - c / L: of the N x L decisions, N c are "yes" and all of them are wrong. For shapes, 1 - 1.68 / 6 = 72.0 %.
// 6. Two frequent labels meet often by chance alone, so the count mostly repeats their frequencies. A lift of 1 means
//    P(j | i) = P(j): knowing that the image has label i tells nothing about label j.
// </details>
//
// ## Further research
//
// Generate a shapes dataset in memory with `DatasetCatalog.Load(new DataSourceOptions("shapes", Count: 4000, ImageSize: 32))`
// and compute the lift again. Then change the generator's idea in your head: if every image had exactly two shapes,
// would the lift be above or below 1? Check your reasoning against `MultiLabel.Data.Shapes.ShapesGenerator`'s scene code.

// ---- cell 14 ----
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("01"));
