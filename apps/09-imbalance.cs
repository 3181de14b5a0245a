// Lesson 09-imbalance as a .NET file-based app, exported by `mlc export-apps` from notebooks/09-imbalance.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/09-imbalance.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/09-imbalance/; exercises are checked as in the notebook: edit the solution regions here or there.
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
using MultiLabel.Losses;
using MultiLabel.Metrics;
using MultiLabel.Training;

// # 09 · Imbalance: rare labels, positive weights, focal and asymmetric losses, resampling
//
// **Goals.** After this notebook you can
//
// - count how often each label occurs and say why a model trained with plain binary cross-entropy can afford to
//   neglect a rare label;
// - weight the positives of each label (`pos_weight`), compute the weights from the label counts, and say what they do
//   to the model's probabilities (and so to the threshold);
// - write the focal loss and the asymmetric loss as formulas, compute them for one cell, stably, and say which cells
//   each one turns down;
// - resample the training images so that rare labels come up more often, with a weight per image;
// - compare the four techniques against plain BCE on the rarest label of the shipped data, with runs of the same recipe
//   and seed, and judge a difference against the run-to-run noise.
//
// Library files this lesson opens: [MultiLabelLoss.cs](../lib/MultiLabel/Losses/MultiLabelLoss.cs) (the base: a mean over
// cells, the positive weights as a buffer), [BceLoss.cs](../lib/MultiLabel/Losses/BceLoss.cs),
// [PositiveWeights.cs](../lib/MultiLabel/Losses/PositiveWeights.cs), [FocalLoss.cs](../lib/MultiLabel/Losses/FocalLoss.cs),
// [AsymmetricLoss.cs](../lib/MultiLabel/Losses/AsymmetricLoss.cs), [LossCatalog.cs](../lib/MultiLabel/Losses/LossCatalog.cs)
// (what `mlc train --loss` can name), [WeightedSampler.cs](../lib/MultiLabel/Data/WeightedSampler.cs) and the recipe's
// `PosWeight`, `Loss` and `Resample` in [TrainingRecipe.cs](../lib/MultiLabel/Training/TrainingRecipe.cs).

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("09-imbalance");

// ## 1. Label frequency, and why a rare label gets neglected
//
// The shipped shapes data has six labels. They are not equally common: count the training images that carry each one.

// ---- cell 2 ----

var data = DatasetCatalog.Load(FastMode.Choose(new DataSourceOptions("shapes"), new DataSourceOptions("shapes", Count: 240, ImageSize: 32)));
var names = data.Labels.Names;
Tensor TargetsOf(IImageDataset dataset) =>
    torch.tensor(Enumerable.Range(0, dataset.Count).SelectMany(i => dataset.GetTarget(i).ToArray()).ToArray(), new long[] { dataset.Count, names.Count });

var trainTargets = TargetsOf(data.Train);
var counts = trainTargets.sum(dim: 0).data<float>().ToArray();
int rarest = Array.IndexOf(counts, counts.Min());
var rare = names[rarest];
var frequencyTable = new Table(["label", "training images", "share", "negatives : positives"], $"{data.Description}: {data.Train.Count} training images");
for (int l = 0; l < names.Count; l++)
{
    frequencyTable.AddRow(names[l], counts[l].ToString("F0"), (counts[l] / data.Train.Count).ToString("P1"),
        counts[l] == 0 ? "-" : $"{(data.Train.Count - counts[l]) / counts[l]:F1} : 1");
}

Display.Show(Charts.Bar("Training images per label", names, counts.Select(c => (double)c).ToList(), "label", "images"));
Display.Show(frequencyTable);
Console.WriteLine($"rarest label: {rare}, in {counts[rarest]:F0} of {data.Train.Count} training images; in a batch of 64 that is {64 * counts[rarest] / data.Train.Count:F1} images on average");

// Measured on the shipped data: star is the rarest label (116 of 2,791 training images, 4.2 %; lesson 01 counted the
// same), circle the most common (46.4 %). A batch of 64 holds about 2.7 stars.
//
// Why does that matter? Binary cross-entropy is a **sum over cells**: every (image, label) pair costs
// −[y log p + (1 − y) log(1 − p)]. A label that is present in a fraction f of the images contributes few positive
// cells, so few terms push its probability up, and many push it down. The cheapest thing a model can do for a label
// it cannot yet see is to predict its prior f for every image: the loss of that constant is the entropy
// −[f log f + (1 − f) log(1 − f)], which is small when f is small. The table shows it for every label:

// ---- cell 3 ----
var prior = trainTargets.mean(new long[] { 0 }).clamp(1e-6, 1 - 1e-6);
var entropy = -(prior * prior.log() + (1 - prior) * (1 - prior).log());
double totalEntropy = entropy.sum().item<float>();
var constantTable = new Table(["label", "prior f", "loss of predicting f everywhere (nats per cell)", "share of the total"], "What a model that ignores the image pays, label by label");
for (int l = 0; l < names.Count; l++)
{
    double h = entropy[l].item<float>();
    constantTable.AddRow(names[l], prior[l].item<float>().ToString("F3"), h.ToString("F3"), (h / totalEntropy).ToString("P1"));
}

MultiLabel.Runtime.LessonApp.Result(() => constantTable);

// Measured on the shipped data: ignoring star costs 0.173 nats per cell, 5.4 % of what ignoring every label costs, while
// circle's 0.691 nats are 21.5 %. Gradient descent goes where the loss is, so the common labels dominate the
// gradient and the rare one is learnt late: after lesson 04's 8 epochs, macro-F1 (which weighs star as much as circle) lagged
// micro-F1. And a model that says "no star" with probability 0.96 for every image is right on 96 % of the star cells:
// it looks fine on Hamming accuracy and micro-F1, and finds no star at all.
//
// Four remedies follow. The first three change the loss (what a cell costs), the fourth the data (how often a rare
// image comes up).
//
// ## 2. Positive weights: `pos_weight`
//
// Weight the positive term of label l by w_l:
//
//   **L = −[ w_l · y · log σ(x) + (1 − y) · log(1 − σ(x)) ]**
//
// With **w_l = negatives_l / positives_l** the positives of a label weigh, all together, as much as its negatives: star's
// 116 positives count 23.1 times each, against 2,675 negatives. The library's
// [PositiveWeights.FromCounts](../lib/MultiLabel/Losses/PositiveWeights.cs) clamps the weights to [1/50, 50], and a
// label that no training image carries (negatives / 0) gets the cap, 50: it has nothing to weight, and an infinite
// weight would make the loss infinite the first time such a label appears (in a later split or a new dataset).
//
// **Exercise 09.1.** Write `PosWeight(targets)`: for the training targets `[N, L]` (0/1, float32), the weight of each
// label, negatives / positives, clamped to [1/50, 50]. The example has a label that four of five images carry.

// ---- cell 4 ----
// EXERCISE 09.1: pos_weight from the label counts (1 point)
Tensor PosWeight(Tensor targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson09.PosWeight.Check(PosWeight);

// Your function (or the model answer) on the training split, next to the library's, which `mlc train --pos-weight` and
// `TrainingRecipe { PosWeight = true }` use. The library's loss takes them as a *buffer* of the loss module, so
// `loss.to(device)` moves them with the model; TorchSharp's own `BCEWithLogitsLoss(pos_weights: ...)` computes the same
// number but does not move its weights with `.to()` (on a GPU they stay behind on the CPU).

// ---- cell 5 ----
var posWeightOf = Lesson09.PosWeight.AnswerOrModel(PosWeight);
var posWeight = posWeightOf(trainTargets).data<float>().ToArray();
var libraryWeight = PositiveWeights.FromLabelFrequencies(data.Train);
Console.WriteLine($"pos_weight: {string.Join(", ", names.Select((n, l) => $"{n} {posWeight[l]:F2}"))}");
Console.WriteLine($"the same as PositiveWeights.FromLabelFrequencies: {posWeight.Zip(libraryWeight).All(p => Math.Abs(p.First - p.Second) < 1e-4)}");

var batchLogits = torch.randn(new long[] { 8, names.Count }, generator: new torch.Generator(9));
var batchTargets = trainTargets[TensorIndex.Slice(0, 8)];
var weightedBce = new BceLoss(posWeight);
var torchBce = nn.BCEWithLogitsLoss(pos_weights: torch.tensor(posWeight));
Console.WriteLine($"on 8 images: library BceLoss {weightedBce.call(batchLogits, batchTargets).item<float>():F5}, " +
                  $"TorchSharp BCEWithLogitsLoss {torchBce.call(batchLogits, batchTargets).item<float>():F5}");

// **What the weights do to the probabilities.** Without weights, the constant that minimises the loss of a label is its
// prior f. With weight w, the loss of predicting p everywhere is −[w f log p + (1 − f) log(1 − p)], lowest at
// p = w f / (w f + 1 − f); with w = (1 − f) / f that is **0.5 for every label**. A weighted model's probabilities are no
// longer frequencies: it says "star" far more readily, and the threshold 0.5 no longer means "more likely than not".
// So tune the thresholds on the validation split (lesson 08; the comparison below does) or the positive weights buy
// recall with precision.

// ---- cell 6 ----
var weightTensor = torch.tensor(posWeight);
var weightedOptimum = weightTensor * prior / (weightTensor * prior + 1 - prior);
Console.WriteLine($"best constant probability: without weights {string.Join(", ", names.Select((n, l) => $"{n} {prior[l].item<float>():F3}"))}");
Console.WriteLine($"                           with pos_weight {string.Join(", ", names.Select((n, l) => $"{n} {weightedOptimum[l].item<float>():F3}"))}");

// ## 3. Focal loss: turn down the easy cells
//
// Lin et al. (2017, "Focal Loss for Dense Object Detection") keep every cell but scale it by how wrong the model still
// is. With p = σ(x) and p_t the probability of the right answer (p when y = 1, 1 − p when y = 0):
//
//   **FL = −α_t (1 − p_t)^γ log p_t**,  α_t = α for a positive, 1 − α for a negative.
//
// An easy cell (p_t near 1) is turned down by (1 − p_t)^γ; a hard one keeps almost its whole cross-entropy. Most
// negative cells of a rare label are easy ("no star" in an image of circles), so they stop drowning the few positives.
// γ = 0 and no α is plain BCE. The library's [FocalLoss](../lib/MultiLabel/Losses/FocalLoss.cs) (`--loss focal`) uses
// γ = 2 and no α; the paper's detector used α = 0.25.

// ---- cell 7 ----
var focusTable = new Table(["p_t (probability of the right answer)", "cross-entropy −log p_t", "(1 − p_t)^2", "focal loss, γ 2"], "How much of each cell γ = 2 keeps");
foreach (var pt in new[] { 0.1, 0.5, 0.9, 0.99 })
{
    focusTable.AddRow(pt.ToString("F2"), (-Math.Log(pt)).ToString("F4"), Math.Pow(1 - pt, 2).ToString("G3"), (Math.Pow(1 - pt, 2) * -Math.Log(pt)).ToString("G4"));
}

MultiLabel.Runtime.LessonApp.Result(() => focusTable);

// A cell the model already gets right with p_t = 0.9 keeps 1 % of its cross-entropy; one it gets wrong with p_t = 0.1
// keeps 81 %.
//
// **Exercise 09.2.** Write `FocalCell(logit, target, gamma, alpha)`: the focal loss of one cell, in double precision,
// finite for every logit (the checks use logits up to ±100). The check compares it with the library's `FocalLoss` formula;
// the next cell compares it with the library itself.

// ---- cell 8 ----
// EXERCISE 09.2: the focal loss of one cell (2 points)
double FocalCell(double logit, double target, double gamma, double alpha)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson09.FocalLoss.Check(FocalCell);

// ---- cell 9 ----
var focalCell = Lesson09.FocalLoss.AnswerOrModel(FocalCell);
double[] gridLogits = [-100, -20, -4, -1, 0, 1, 4, 20, 100];
var libraryFocal = new FocalLoss(gamma: 2, alpha: 0.25);
double largestDifference = 0;
foreach (var y in new[] { 0.0, 1.0 })
{
    foreach (var x in gridLogits)
    {
        using var scope = torch.NewDisposeScope();
        double library = libraryFocal.call(torch.tensor(new[] { x }).reshape(1, 1), torch.tensor(new[] { y }).reshape(1, 1)).item<double>();
        largestDifference = Math.Max(largestDifference, Math.Abs(focalCell(x, y, 2, 0.25) - library));
    }
}

Console.WriteLine($"your focal loss and the library's FocalLoss(gamma 2, alpha 0.25) on {2 * gridLogits.Length} cells (logits -100 to 100): largest difference {largestDifference:G2}");

// A trap if you reach for TorchSharp's own: `torchvision.ops.sigmoid_focal_loss` exists, but in TorchSharp 0.107 a call
// with its default arguments does not compile (two overloads match, CS0121) and its overload with float arguments
// applies the reduction twice, so its "mean" is not the mean. The library's loss is tested against a reference
// computed cell by cell ([LossTests.cs](../tests/MultiLabel.Tests/Losses/LossTests.cs)).
//
// ## 4. Asymmetric loss: discard the easy negatives
//
// Ridnik et al. (2021, "Asymmetric Loss For Multi-Label Classification") note that in multi-label data the negatives
// outnumber the positives on every label, so they treat the two differently. With p = σ(x) and a margin m:
//
//   **L+ = −(1 − p)^γ+ log p**    **L− = −p_m^γ− log(1 − p_m)**,  p_m = max(p − m, 0)
//
// A negative whose probability is already below m costs exactly 0 (it is discarded), the others are focused hard
// (γ− = 4); the positives keep plain cross-entropy (γ+ = 0). The library's
// [AsymmetricLoss](../lib/MultiLabel/Losses/AsymmetricLoss.cs) (`--loss asl`) uses the paper's γ− = 4, γ+ = 0,
// m = 0.05, and averages over cells where the paper sums. The three losses cell by cell, from the library:

// ---- cell 10 ----
var losses = new (string Name, MultiLabelLoss Loss)[] { ("BCE", new BceLoss()), ("focal, γ 2", new FocalLoss()), ("asymmetric, γ− 4, m 0.05", new AsymmetricLoss()) };
double CellLoss(MultiLabelLoss loss, double p, double y)
{
    using var scope = torch.NewDisposeScope();
    var logit = Math.Log(p / (1 - p));
    return loss.call(torch.tensor(new[] { logit }).reshape(1, 1), torch.tensor(new[] { y }).reshape(1, 1)).item<double>();
}

var cellTable = new Table(["cell", .. losses.Select(l => l.Name)], "The loss of four cells");
foreach (var (name, p, y) in new[] { ("easy negative: p 0.03, absent", 0.03, 0.0), ("negative: p 0.3, absent", 0.3, 0.0), ("hard negative: p 0.9, absent", 0.9, 0.0), ("missed positive: p 0.1, present", 0.1, 1.0) })
{
    cellTable.AddRow([name, .. losses.Select(l => CellLoss(l.Loss, p, y).ToString("G3"))]);
}

Display.Show(cellTable);
var probabilities = Enumerable.Range(1, 99).Select(i => i / 100.0).ToList();
Display.Show(Charts.Curves("The loss of an absent label (a negative) against the model's probability",
    losses.Select(l => (l.Name, (IReadOnlyList<double>)probabilities, (IReadOnlyList<double>)probabilities.Select(p => CellLoss(l.Loss, p, 0)).ToList())), "p = σ(x)", "loss of the cell").YAxis(min: 0, max: 3));

// The asymmetric loss pays nothing for the easy negative (p 0.03 is below the margin), and both focusing losses pay a
// small fraction of BCE for a negative at p 0.3; a missed positive costs asymmetric loss exactly what it costs BCE
// (γ+ = 0), and focal loss less (it focuses positives too). All three keep gradients flowing through the focusing
// factor, and all three take positive weights as well (`new FocalLoss(positiveWeight: w)`).
//
// ## 5. Resampling: show the rare images more often
//
// Instead of changing what a cell costs, change how often an image is seen. Each epoch draws N images **with
// replacement**, image i with probability q_i = w_i / Σ w. The library's
// [WeightedSampler.ForRareLabels](../lib/MultiLabel/Data/WeightedSampler.cs) (`mlc train --resample`, PyTorch's
// `WeightedRandomSampler`) gives an image the weight of its rarest label:
//
//   **w_i = max over the labels l of image i of N / count_l**,  and w_i = 1 for an image without labels.
//
// The maximum, not the mean: an image with a star and a circle is as rare as its star. An image without labels keeps
// weight 1 (the weight of a label every image carried): it is still drawn, so the model keeps seeing images with
// nothing on them. Each epoch draws anew (from the seed and the epoch), and two draws of one image get their own
// augmentation, so a repeated star is not the same picture twice.
//
// **Exercise 09.3.** Write `DrawProbabilities(targets)`: for targets `[N, L]`, the probability q_i of drawing each
// image, a float32 tensor `[N]` that sums to 1. A later cell hands your probabilities to the sampler.

// ---- cell 11 ----
// EXERCISE 09.3: the probability of drawing each image (2 points)
Tensor DrawProbabilities(Tensor targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson09.SampleWeights.Check(DrawProbabilities);

// ---- cell 12 ----
var drawProbabilities = Lesson09.SampleWeights.AnswerOrModel(DrawProbabilities);
var q = drawProbabilities(trainTargets).data<float>().ToArray();
var sampler = new WeightedSampler(q.Select(v => (double)v).ToList());
var librarySampler = WeightedSampler.ForRareLabels(data.Train);
Console.WriteLine($"your probabilities and WeightedSampler.ForRareLabels agree: {q.Zip(librarySampler.Probabilities).All(p => Math.Abs(p.First - p.Second) < 1e-6)}");

var drawn = sampler.Draw(seed: 0, epoch: 0);
var occurrences = sampler.Occurrences(drawn);
var shareTable = new Table(["label", "share of the training images", "share of one epoch's draws"], $"One epoch drawn with your probabilities: {drawn.Length} draws of {occurrences.Count(c => c > 0)} distinct images");
for (int l = 0; l < names.Count; l++)
{
    double inData = counts[l] / data.Train.Count;
    double inDraws = drawn.Average(i => data.Train.GetTarget(i)[l] > 0.5f ? 1.0 : 0.0);
    shareTable.AddRow(names[l], inData.ToString("P1"), inDraws.ToString("P1"));
}

MultiLabel.Runtime.LessonApp.Result(() => shareTable);

// Measured on the shipped data (seed 0, epoch 0): star goes from 4.2 % of the images to 24.2 % of the draws, and one
// epoch sees 1,529 distinct images of 2,791: some come up several times (a star image has weight 24, one
// with only a circle 2.2), others not at all in this epoch (another epoch draws anew). Ring and cross gain a few points;
// circle and square lose little, because an image takes the weight of its rarest label, so a circle image that also
// shows a star is drawn as often as the star asks. Resampling does not add information: the same 116 stars come up again and
// again, and with them the risk of learning those particular stars (augmentation helps).
//
// ## 6. The comparison: the same recipe and seed, one technique at a time
//
// One run per technique, each with the library's pipeline (`TrainingRun`, the call `mlc train` makes) and the same
// recipe: the default (SmallCnn, AdamW at 3e-3 with the one-cycle schedule, batch 64, the default augmentation,
// seed 0), but **8 epochs** instead of 20 (lesson 04's run), to keep seven runs within the time a lesson can take; and
// **thresholds tuned on the validation split** per label (best F1), so that a technique that shifts the probabilities
// (positive weights do) is not judged at a threshold that no longer fits. Scored on the test split: F1 of the rarest
// label, macro-F1 and micro-F1. Two more runs of the baseline, with seeds 1 and 2, show how far runs that differ
// only in their seed land apart. (Fast mode: one epoch on a few small generated images; its numbers mean nothing.)

// ---- cell 13 ----
var comparisonRecipe = FastMode.Choose(
    new TrainingRecipe { Epochs = 8, TuneThresholds = true },
    new TrainingRecipe { Epochs = 1, Count = 240, ImageSize = 32, TuneThresholds = true });
var techniques = new (string Name, TrainingRecipe Recipe)[]
{
    ("BCE (baseline)", comparisonRecipe),
    ("BCE, seed 1", comparisonRecipe with { Seed = 1 }),
    ("BCE, seed 2", comparisonRecipe with { Seed = 2 }),
    ("BCE + pos_weight", comparisonRecipe with { PosWeight = true }),
    ("focal loss", comparisonRecipe with { Loss = "focal" }),
    ("asymmetric loss", comparisonRecipe with { Loss = "asl" }),
    ("resampling", comparisonRecipe with { Resample = true }),
};

var outcomes = new List<(string Name, double RareF1, double MacroF1, double MicroF1, double Seconds)>();
foreach (var (name, recipe) in techniques)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using var run = TrainingRun.Start(recipe);
    run.Fit();
    var test = run.Evaluate().Test;
    var rareF1 = test.PerLabel.Single(m => m.Label == rare).F1;
    outcomes.Add((name, rareF1, test.F1Macro, test.F1Micro, clock.Elapsed.TotalSeconds));
    Console.WriteLine($"{name}: {rare} F1 {rareF1:F3}, macro-F1 {test.F1Macro:F3}, micro-F1 {test.F1Micro:F3} ({clock.Elapsed.TotalSeconds:F0} s)");
}

// ---- cell 14 ----
var outcomeTable = new Table(["technique", $"test F1 of {rare}", "test macro-F1", "test micro-F1", "seconds"],
    $"{comparisonRecipe.Epochs} epoch(s), seed 0 unless named, thresholds tuned on validation");
foreach (var o in outcomes)
{
    outcomeTable.AddRow(o.Name, o.RareF1.ToString("F3"), o.MacroF1.ToString("F3"), o.MicroF1.ToString("F3"), o.Seconds.ToString("F0"));
}

Display.Show(Charts.GroupedBar($"Test F1 of {rare} and macro-F1 by technique", outcomes.Select(o => o.Name).ToList(),
    [($"F1 of {rare}", outcomes.Select(o => o.RareF1).ToList()), ("macro-F1", outcomes.Select(o => o.MacroF1).ToList()), ("micro-F1", outcomes.Select(o => o.MicroF1).ToList())], "test F1"));
MultiLabel.Runtime.LessonApp.Result(() => outcomeTable);

// Measured on a 2-core AMD EPYC with AVX-512 (2026-12), not in fast mode, with `mlc train --epochs 8 --tune-thresholds
// --workers 0 --seed S` plus the technique's option (`--pos-weight`, `--loss focal`, `--loss asl`, `--resample`), which
// makes the same `TrainingRun` call as the cell above. The seven runs went side by side with one libtorch thread each,
// on a machine shared with other work, so their times (17 to 21 minutes each) say nothing about speed; run in the
// notebook with libtorch's default threads, the cell's figures can differ in the last digits. Test split: 582 images,
// 18 of them with a star.
//
// | technique | test F1 of star (precision / recall) | test macro-F1 | test micro-F1 | Hamming loss |
// |---|---|---|---|---|
// | BCE (baseline) | 0.385 (0.625 / 0.278) | 0.868 | 0.954 | 0.024 |
// | BCE, seed 1 | 0.209 (0.143 / 0.389) | 0.811 | 0.903 | 0.054 |
// | BCE, seed 2 | 0.387 (0.462 / 0.333) | 0.857 | 0.940 | 0.032 |
// | BCE + pos_weight | 0.895 (0.850 / 0.944) | 0.867 | 0.844 | 0.088 |
// | focal loss | 0.562 (0.643 / 0.500) | 0.886 | 0.942 | 0.031 |
// | asymmetric loss | 0.500 (0.455 / 0.556) | 0.884 | 0.947 | 0.029 |
// | resampling | 0.947 (0.900 / 1.000) | 0.953 | 0.949 | 0.027 |
//
// What helped, measured:
//
// - **The noise first.** Three seeds of the same baseline give star F1 0.209, 0.385 and 0.387, and micro-F1 0.903 to
//   0.954. With 18 test stars one image moves the star F1 by about 0.03, and after 8 epochs the baseline has found
//   5 to 7 of the 18 stars. A gap smaller than the spread of those three runs means nothing.
// - **Resampling helped most**: all 18 stars found (two false alarms), F1 0.947, and macro-F1 0.953 against 0.811 to
//   0.868 for the baselines, while micro-F1 (0.949) stayed inside the baselines' range. It costs nothing per epoch: an
//   epoch draws as many images as before.
// - **pos_weight** found the stars too (F1 0.895, recall 0.944) but paid with the common labels: square and triangle
//   fell to F1 0.770 and 0.703 (0.947 and 0.946 in the baseline of seed 0), micro-F1 to 0.844, below every baseline
//   seed, and the Hamming loss rose to 0.088. Its macro-F1 (0.867) is no better than the baseline's.
// - **Focal and asymmetric loss** lifted the star F1 to 0.562 and 0.500, above all three baseline seeds, and macro-F1 to
//   0.886 and 0.884, with micro-F1 (0.942, 0.947) inside the baselines' range: a real but smaller gain. The 0.06 between
//   them is within the noise.
//
// These are 8-epoch runs, where the baseline has not yet learnt the rare label. With time it does: the default
// `mlc train` (20 epochs, threshold 0.5, seed 0), measured the same way (one thread, two runs side by side), found 17 of
// the 18 stars without a false alarm (star F1 0.971, macro-F1 0.985, micro-F1 0.987), and with `--resample` the same
// 17 stars (F1 0.971) with a slightly lower macro-F1 0.979 and micro-F1 0.980. Resampling made the rare label early; it
// did not make the full run better. Which technique to use depends on how long you can train.

// ## Summary
//
// - Label frequency decides how much of the loss a label is: a label in 4 % of the images is 5.4 % of what a model that
//   ignores the images pays, so plain BCE learns it last, and micro-F1 and Hamming accuracy hardly notice when it is
//   missed. Look at per-label F1 and macro-F1.
// - `pos_weight` w_l = negatives / positives (clamped; a label without positives gets the cap) makes a label's
//   positives weigh as much as its negatives; it moves every label's best constant probability to 0.5, so tune the
//   thresholds afterwards. The library's weights are a buffer of the loss and move with `.to(device)`.
// - Focal loss −α_t (1 − p_t)^γ log p_t turns down the easy cells of both kinds; compute log σ(x) from the logit, never
//   as log of a sigmoid.
// - Asymmetric loss focuses the negatives hard (γ− = 4) and discards those below a margin, keeping the positives'
//   cross-entropy.
// - Resampling draws images with replacement, each with the weight of its rarest label (1 without labels), normalised
//   to probabilities; a new draw every epoch.
// - Compare techniques with the same recipe and seed, tune thresholds for each, and measure the noise (another seed)
//   before you believe a difference.
//
// ## Questionnaire
//
// 1. A label occurs in 2 % of 5,000 training images. What is its `pos_weight`, and what probability does a weighted
//    model give it when it cannot tell the images apart?
// 2. Why does the library give a label with no positive training images the weight 50 instead of infinity or 0?
// 3. With γ = 2, how much of its cross-entropy does a cell keep when the model gives the right answer probability 0.99?
//    And 0.5?
// 4. Your focal loss returns infinity for logit 40 and target 0. What did you compute, and how do you fix it?
// 5. What does the asymmetric loss's margin m do to a negative with p = 0.03? Why would you want that?
// 6. An image shows a star and a circle (star in 4 % of the training images, circle in 46 %). What is its resampling weight,
//    and why the maximum rather than the mean?
// 7. Why must an image without labels keep a weight above 0?
// 8. Two techniques end 0.01 apart in the F1 of a label with 18 test images. What do you check before you call one
//    better?
// 9. Why does the comparison tune the thresholds on the validation split for every technique?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. negatives / positives = 4,900 / 100 = 49. Predicting p everywhere then costs −[49 · 0.02 log p + 0.98 log(1 − p)],
//    lowest at p = 0.5.
// 2. There is nothing to weight while it has no positives, and an infinite weight would make the loss infinite (NaN
//    gradients) as soon as such a positive appeared; the cap is the largest weight the library allows, a label as rare as
//    can be. 0 would remove the term and is not a valid weight.
// 3. (1 − 0.99)² = 0.0001: one ten-thousandth. At 0.5: a quarter.
// 4. log(1 − σ(40)): in double precision 1 − σ(40) is 0, and log 0 is −∞. Use log(1 − σ(x)) = log σ(−x), computed from the
//    logit (for x ≥ 0, −log(1 + e^(−x)); for x < 0, x − log(1 + e^x)).
// 5. p_m = max(0.03 − 0.05, 0) = 0: the cell costs nothing and has no gradient. The easy negatives, by far the most
//    cells, stop contributing at all, so the gradient is spent on the hard negatives and the positives.
// 6. max(N/count_star, N/count_circle) = 1/0.04 = 25 times the weight of an image with nothing on it (circle alone
//    would give 2.2). With the mean the circle would halve the weight of a star image.
// 7. With weight 0 it is never drawn: the model never again sees an image with nothing on it and learns to always say
//    something.
// 8. The noise: the same recipe with other seeds (here, the baseline with seeds 1 and 2), or several seeds per technique; one
//    image of 18 moves that F1 by about 0.03 (16 of 18 found with one false alarm: 0.914; 17 of 18: 0.944).
// 9. A technique that changes the loss changes the probabilities (pos_weight moves them up a lot); at a fixed threshold
//    of 0.5 it would be judged on its calibration, not on how well it ranks the images. Tuning on validation, not on
//    test, keeps the test split honest.
// </details>
//
// ## Further research
//
// Run the comparison with several seeds per technique (`comparisonRecipe with { Seed = s }` for s = 0 to 4), draw the
// mean and the spread of the rarest label's F1 for each, and decide which differences are larger than the spread. Then
// try combinations the library already allows: `new TrainingRecipe { Loss = "asl", PosWeight = true }`, resampling with
// focal loss, and the full 20 epochs of `mlc train` with `--loss asl` or `--pos-weight` (with `--resample` it did not
// beat the baseline): does any technique that helps after 8 epochs still help when the baseline has had time to learn
// the rare label? Make a label rarer on purpose
// (train on a `SubsetDataset` with most stars left out) and see where each technique starts to matter.

// ---- cell 15 ----
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("09"));
