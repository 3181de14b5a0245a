// Lesson 02-tensors as a .NET file-based app, exported by `mlc export-apps` from notebooks/02-tensors.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/02-tensors.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/02-tensors/; exercises are checked as in the notebook: edit the solution regions here or there.
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
using MultiLabel.Data.Shapes;
using MultiLabel.Imaging;

// # 02 · Tensors
//
// **Goals.** After this notebook you can
//
// - create tensors from .NET arrays, constants, ranges and seeded random numbers, read them back into .NET
//   (`data<T>()`, `item<T>()`), and predict their dtype;
// - reshape, view, permute, squeeze, unsqueeze, concatenate and stack them, and turn decoded pixels (H, W, RGB) into a
//   `[3, H, W]` image tensor;
// - index, slice and mask them, and say which of these share memory with the original and which copy;
// - predict the shape of a broadcast operation and standardise a batch of images with it;
// - reduce over a chosen dimension, and avoid TorchSharp's `sum(0)` trap;
// - encode label lists as a multi-hot target matrix, the input format of every multi-label loss;
// - keep native memory under control with dispose scopes.
//
// A tensor is an n-dimensional array of numbers of one type, stored by libtorch in native memory on a device (CPU or
// GPU). Everything in deep learning, from a batch of images to a model's weights, is a tensor.

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("02-tensors");

// ## 1. Creating tensors, and getting numbers back
//
// From .NET arrays (the shape follows the array), from constants, from ranges, and from random numbers. Random numbers
// come from a generator; seeding it (`torch.manual_seed`) makes a notebook give the same numbers every run.

// ---- cell 2 ----
// Two helpers for printing: a tensor's shape, and its values in row-major order.
static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
static string Values(Tensor t) => "[" + string.Join(", ", t.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray().Select(v => v.ToString("G4"))) + "]";

var fromArray = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
MultiLabel.Runtime.LessonApp.Result(() => fromArray);

// ---- cell 3 ----
Display.Show(torch.zeros(2, 3));
Display.Show(torch.full(new long[] { 2, 2 }, 7.5f));
Display.Show(torch.arange(0, 10, 2));
Display.Show(torch.linspace(0, 1, 5));

// ---- cell 4 ----
torch.manual_seed(42);
var noise = torch.rand(3, 4);   // uniform in [0, 1)
MultiLabel.Runtime.LessonApp.Result(() => noise);

// Run the cell above twice: the numbers stay the same, because it seeds the generator first.
//
// The way back to .NET: `data<T>()` gives a view of a tensor's elements (in row-major order) that `ToArray()` copies into
// a .NET array, and `item<T>()` reads a tensor with one element. `T` must be the tensor's own element type: `item<double>()`
// on a Float32 tensor throws. A flat array and a shape make a tensor again:

// ---- cell 5 ----
float[] values = fromArray.data<float>().ToArray();
float corner = fromArray[1, 2].item<float>();
var again = torch.tensor(values, new long[] { 2, 3 });
Console.WriteLine($"data<float>(): [{string.Join(", ", values)}]; element [1, 2] is {corner}; rebuilt equal: {again.equal(fromArray).all().item<bool>()}");

// ## 2. Shape and dtype
//
// `shape` lists the size of each dimension; `dtype` is the element type. A tensor made from .NET values takes their type,
// which is not always the one you want. The next cell prints what each way of making a tensor gives:

// ---- cell 6 ----
var made = new (string How, Tensor Tensor)[]
{
    ("torch.tensor(new float[] { 1, 2 })", torch.tensor(new float[] { 1, 2 })),
    ("torch.tensor(1.5f)", torch.tensor(1.5f)),
    ("torch.rand(2), zeros(2), linspace(0, 1, 5)", torch.rand(2)),
    ("torch.tensor(new double[] { 1, 2 })", torch.tensor(new double[] { 1, 2 })),
    ("torch.tensor(1.5)  (no f)", torch.tensor(1.5)),
    ("torch.tensor(new int[] { 1, 2 })", torch.tensor(new int[] { 1, 2 })),
    ("torch.tensor(3)", torch.tensor(3)),
    ("torch.tensor(new long[] { 1, 2 })", torch.tensor(new long[] { 1, 2 })),
    ("torch.arange(0, 10, 2)", torch.arange(0, 10, 2)),
    ("noise > 0.5", noise > 0.5),
};
var dtypes = new Table(["made from", "dtype"], "What a tensor's dtype is when you do not say");
foreach (var (how, tensor) in made)
{
    dtypes.AddRow(how, tensor.dtype.ToString());
}

MultiLabel.Runtime.LessonApp.Result(() => dtypes);

// | made from | dtype | used for |
// |---|---|---|
// | `float[]`, `1.5f`, `rand`, `zeros`, `linspace` | `Float32` | images, weights, logits, **targets** |
// | `double[]`, a literal `1.5` without `f` | `Float64` | rarely in deep learning (finite-difference checks, lesson 03) |
// | `int[]`, a literal `3` | `Int32` | rarely: index functions want Int64 |
// | `long[]`, `3L`, `arange` of whole numbers | `Int64` | indices, class ids, counts |
// | comparisons (`t > 0.5`) | `Bool` | masks |
//
// Multi-label targets are `Float32` (0.0 or 1.0), not integers: the loss compares them with float logits. The C#
// habit of writing `double` bites here: weights are Float32, and a Float64 input does not mix with them.

// ---- cell 7 ----
var layer = nn.Linear(3, 2);                               // Float32 weights
var doubles = torch.tensor(new double[] { 1, 2, 3 }).reshape(1, 3);
try
{
    layer.call(doubles);
}
catch (Exception e)
{
    Console.WriteLine($"Float64 input into Float32 weights: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
}

Console.WriteLine($"fixed with .to(ScalarType.Float32): output {layer.call(doubles.to(ScalarType.Float32)).dtype}");
Console.WriteLine($"Float32 tensor + Float64 tensor -> {(torch.ones(3) + torch.tensor(new double[] { 1, 2, 3 })).dtype} (promoted silently); " +
                  $"Float32 tensor * 1.5 -> {(torch.ones(3) * 1.5).dtype} (a plain number does not promote)");

// A layer reports the clash as an exception you can catch. Do not provoke it with `matmul`: in TorchSharp 0.107 a
// `matmul` of Float64 by Float32 aborts the whole process (libtorch's error escapes the binding, the kernel dies),
// measured on this machine. Keep everything Float32, and convert at the boundary with `.to(ScalarType.Float32)`.
//
// ## 3. Devices
//
// Every tensor lives on one device. `to(device)` copies it there; an operation whose operands live on different
// devices fails. Models and batches are moved to the same device before training (the `Trainer` does that). On this
// machine `auto` is the CPU; the code is the same on a GPU.

// ---- cell 8 ----
var device = TorchRuntime.ResolveDevice("auto");
var onDevice = fromArray.to(device);
Console.WriteLine($"{fromArray.device} -> {onDevice.device}; back on the CPU: {onDevice.cpu().device}");

// ## 4. Changing the shape: reshape, view, permute, squeeze, unsqueeze
//
// A tensor is a block of memory plus a shape and **strides** (how many elements to skip to move one step along each
// dimension). Many shape operations only change the shape and strides, not the memory: they return a **view** that
// shares the numbers with the original.
//
// - `view(shape)` reinterprets the elements in their row-major order; it needs memory that is laid out in that order
//   (contiguous) and fails otherwise.
// - `reshape(shape)` does the same when it can (a view) and copies when it cannot: you cannot tell from the call.
// - `permute(dims)` reorders the dimensions (a view with swapped strides; the result is no longer contiguous); `t()`
//   transposes a matrix. `contiguous()` copies into row-major order.
// - `unsqueeze(d)` inserts a dimension of size 1 at position d, `squeeze(d)` removes one: `[3, 32, 32]` becomes the
//   batch `[1, 3, 32, 32]` and back.

// ---- cell 9 ----
var grid = torch.arange(12).reshape(3, 4);
var flat = grid.view(12);                 // a view: same memory
var transposed = grid.t();                // a view with swapped strides
Console.WriteLine($"grid {Shape(grid)} strides [{string.Join(", ", grid.stride())}]; transposed strides [{string.Join(", ", transposed.stride())}], contiguous {transposed.is_contiguous()}");
flat[0] = torch.tensor(100L);
Console.WriteLine($"after writing flat[0]: grid[0, 0] = {grid[0, 0].item<long>()} (the view shares memory)");
try
{
    transposed.view(12);
}
catch (Exception e)
{
    Console.WriteLine($"transposed.view(12): {e.Message.Split('\n')[0]}");
}

var copied = transposed.reshape(12);      // cannot be a view here, so reshape copies
copied[1] = torch.tensor(-1L);
Console.WriteLine($"after writing the reshaped transpose: grid[1, 0] = {grid[1, 0].item<long>()} (a copy); " +
                  $"unsqueeze(0): {Shape(grid.unsqueeze(0))}, squeeze back: {Shape(grid.unsqueeze(0).squeeze(0))}");

// Image files store pixels row by row and, for each pixel, its red, green and blue values: the order **(H, W, C)**.
// PyTorch's layers want the colour channel first, **(C, H, W)**, and a batch in front: `[B, C, H, W]`.
//
// **Exercise 02.1.** Write `ToChw(hwc, height, width)`: from the decoded pixel values (`float[]` of height x width x 3
// values in [0, 1], in file order) return the Float32 tensor `[3, height, width]`. In the example, an image 2 pixels
// high and 3 wide, the first three values are the R, G and B of the top-left pixel.

// ---- cell 10 ----
// EXERCISE 02.1: from decoded pixels (H, W, RGB) to a [3, H, W] tensor (2 points)
Tensor ToChw(float[] hwc, int height, int width)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson02.ToChw.Check(ToChw);

// Your function on a real image: the library draws image 1 of the shipped dataset, whose pixels come as bytes in file
// order; your tensor goes back to PNG, next to the one the library converts itself. A wrong order shows as stripes.

// ---- cell 11 ----

var toChw = Lesson02.ToChw.AnswerOrModel(ToChw);
var sample = ShapesGenerator.GenerateOne(ShapesOptions.Shipped, 1);
float[] pixels = sample.Pixels.Select(b => b / 255f).ToArray();
var image = toChw(pixels, sample.Size, sample.Size);
var pictures = new ImageGrid(columns: 2, displaySize: 160, title: $"{sample.Name}: {string.Join(", ", sample.LabelNames)}")
    .Add(PngCodec.Encode(image), "your ToChw", Shape(image))
    .Add(PngCodec.Encode(ImageTensor.FromRgb(sample.Pixels, sample.Size, sample.Size)), "the library's", "ImageTensor.FromRgb");
Display.Show(pictures);
Console.WriteLine($"a batch of one: {Shape(image.unsqueeze(0))}");

// ## 5. Indexing, slicing and masks
//
// `t[i]` picks along the first dimension, `t[i, j]` one element. `TensorIndex.Colon` keeps a whole dimension and
// `TensorIndex.Slice(start, stop)` a range. These **basic** indexes are views: writing into them changes the original,
// and `clone()` makes an independent copy.

// ---- cell 12 ----
var g = torch.arange(12).reshape(3, 4);
Display.Show(g[1]);                                              // second row
Display.Show(g[TensorIndex.Colon, 2]);                           // third column
Display.Show(g[TensorIndex.Slice(0, 2), TensorIndex.Slice(1, 3)]); // rows 0-1, columns 1-2
var row = g[0];
row[1] = torch.tensor(100L);      // writes through the view
MultiLabel.Runtime.LessonApp.Result(() => g);

// A boolean mask picks the elements where it is true (as a flat vector), and `index_select` picks whole rows or columns
// by index. Neither can be a view (the picked elements are not evenly spaced in memory): both **copy**. `torch.where(mask,
// a, b)` builds a new tensor element by element, from `a` where the mask is true and from `b` elsewhere.

// ---- cell 13 ----
var big = g[g > 5];
var picked = g.index_select(0, torch.tensor(new long[] { 2, 0 }));
big[0] = torch.tensor(-7L);
picked[0, 0] = torch.tensor(-7L);
Console.WriteLine($"mask: {Values(big)}; index_select of rows 2 and 0: {Values(picked)}");
Console.WriteLine($"after writing -7 into both, g still holds {Values(g)}");
Display.Show(torch.where(g > 5, g, torch.zeros_like(g)));       // keep values above 5, zero elsewhere

// **`cat` or `stack`.** `torch.cat` joins tensors along an existing dimension (two batches of 8 images make one of 16);
// `torch.stack` adds a new dimension (16 images of `[3, H, W]` make a batch `[16, 3, H, W]`).

// ---- cell 14 ----
var a = torch.zeros(2, 3);
var b = torch.ones(2, 3);
Console.WriteLine($"cat along 0: {Shape(torch.cat(new[] { a, b }, 0))}, cat along 1: {Shape(torch.cat(new[] { a, b }, 1))}, " +
                  $"stack along 0: {Shape(torch.stack(new[] { a, b }, 0))}");

// ## 6. Broadcasting
//
// When the shapes of two operands differ, libtorch lines them up from the **right**; a dimension of size 1 (or a
// missing one) is stretched to match the other. `[3, 1] + [4]` becomes `[3, 1] + [1, 4]` and then `[3, 4]`, without
// copying any data. If two sizes differ and neither is 1, the operation fails.

// ---- cell 15 ----
var column = torch.tensor(new float[] { 0, 10, 20 }).reshape(3, 1);
var rowVector = torch.tensor(new float[] { 1, 2, 3, 4 });
MultiLabel.Runtime.LessonApp.Result(() => column + rowVector);

// A reduction removes the dimension it reduces; `keepdim: true` keeps it with size 1, so the result broadcasts back
// against the original. Subtracting each row's mean from a matrix:

// ---- cell 16 ----
var m = torch.tensor(new float[,] { { 1, 2, 3 }, { 10, 20, 30 } });
var rowMeans = m.mean(new long[] { 1 }, keepdim: true);   // [2, 1]
Console.WriteLine($"row means {Shape(rowMeans)}: {Values(rowMeans)}; centred rows {Shape(m - rowMeans)}: {Values(m - rowMeans)}");

// Images come in batches of shape `[B, 3, H, W]`. Networks train better when each input channel has mean 0 and
// standard deviation 1, so pipelines **standardise** ("normalise") every channel with statistics of the data:
// (x - mean) / std, one mean and one standard deviation per channel. (Dividing by the mean alone, `images / mean`, is
// not standardising: the result is centred on 1 and keeps its spread.)
//
// **Exercise 02.2.** Write `Standardize(images)`: for a batch `[B, C, H, W]` with any number of channels, compute each
// channel's mean and standard deviation over the whole batch and all pixels, and return (x - mean) / std. Use
// broadcasting, not loops.

// ---- cell 17 ----
// EXERCISE 02.2: standardise each colour channel (2 points)
Tensor Standardize(Tensor images)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson02.Standardize.Check(Standardize);

// ## 7. Reductions, and a TorchSharp trap
//
// `sum`, `mean`, `max`, `argmax` and friends reduce over all elements or over the dimensions you name. Reducing
// dimension `d` removes it from the shape (unless `keepdim: true`).
//
// **The `sum(0)` trap.** C# converts the *constant* `0` to any enum type, so `t.sum(0)` picks the overload
// `sum(ScalarType type)` with type 0, which is `Byte`: it casts every value to an unsigned byte (0.5 becomes 0, 300
// becomes 44) and sums *everything*. Only a constant 0 does this: `sum(1)`, or a variable that holds 0, calls
// `sum(long dim)` as you meant. Write `sum(dim: 0)`.

// ---- cell 18 ----
var v = torch.tensor(new float[] { 0.5f, 1.5f, 2.5f, 300f });
int zero = 0;
Console.WriteLine($"v.sum(dim: 0) = {v.sum(dim: 0).item<float>()} ({v.sum(dim: 0).dtype})");
Console.WriteLine($"v.sum(0)      = {v.sum(0).item<byte>()} ({v.sum(0).dtype}: 0 + 1 + 2 + 44, the trap)");
Console.WriteLine($"v.sum(zero)   = {v.sum(zero).item<float>()} (a variable is not the constant 0)");
var counts = torch.tensor(new float[,] { { 1, 0, 2 }, { 3, 1, 0 } });
var (best, where) = counts.max(dim: 1);
Console.WriteLine($"counts.sum(1) -> shape {Shape(counts.sum(1))}; row maxima [{string.Join(", ", best.data<float>().ToArray())}] at columns [{string.Join(", ", where.data<long>().ToArray())}]");

// **Exercise 02.3.** Targets of `N` images and `L` labels form a `[N, L]` matrix of 0s and 1s. Write
// `LabelFrequency`: the fraction of images that carry each label (a Float32 vector of `L` values).

// ---- cell 19 ----
// EXERCISE 02.3: label frequency (1 point)
Tensor LabelFrequency(Tensor targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson02.LabelFrequency.Check(LabelFrequency);

// **In-place operations** end in an underscore and change the tensor itself instead of returning a new one: `add_`,
// `mul_`, `zero_`, `clamp_`... They save memory, and they write through views into the original. Autograd (lesson 03)
// refuses some of them on tensors it needs.

// ---- cell 20 ----
var w = torch.ones(2, 3);
var firstRow = w[0];
w.mul_(2).add_(1);             // w is now 3 everywhere
firstRow.zero_();              // and its first row 0, through the view
Console.WriteLine($"w {Shape(w)}: {Values(w)}");

// ## 8. Multi-hot encoding
//
// A multi-class target is one class index per image. A multi-label target is a vector with one entry per label: 1
// when the image carries the label, 0 otherwise (**multi-hot**; one-hot is the special case with exactly one 1). A
// batch of targets stacks these vectors into a `[N, L]` matrix. The library's `LabelVocabulary` fixes the order of the
// columns and maps names to indices:

// ---- cell 21 ----
var vocabulary = ShapesGenerator.Labels;
string[][] imageLabels = [["circle", "star"], [], ["square", "triangle", "cross"], ["ring", "ring"]];
int[][] labelIndices = imageLabels.Select(names => names.Select(n => vocabulary.IndexOf(n)).ToArray()).ToArray();
Console.WriteLine($"{vocabulary.Count} labels: {vocabulary}; indices per image: {string.Join(" | ", labelIndices.Select(l => "[" + string.Join(", ", l) + "]"))}");

// **Exercise 02.4.** Write `MultiHot`: from one array of label indices per image (`[[0, 2], [], [1, 2, 3], [3, 3]]`) build
// the `[N, numLabels]` Float32 target matrix. An image may have no label, and a label listed twice is still just present.

// ---- cell 22 ----
// EXERCISE 02.4: multi-hot encode label lists (2 points)
Tensor MultiHot(int[][] labelLists, int numLabels)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson02.MultiHot.Check(MultiHot);

// Your encoder (or the model answer) on the four images above, checked against the vocabulary's own encoder, and
// the reductions that answer lesson 01's questions: labels per image and label frequency:

// ---- cell 23 ----
var multiHot = Lesson02.MultiHot.AnswerOrModel(MultiHot);
var labelFrequency = Lesson02.LabelFrequency.AnswerOrModel(LabelFrequency);
var targets = multiHot(labelIndices, vocabulary.Count);
var reference = torch.tensor(imageLabels.SelectMany(n => vocabulary.Encode(n)).ToArray(), new long[] { imageLabels.Length, vocabulary.Count });
Display.Show(TensorTable.From(targets, columnNames: vocabulary.Names, title: "multi-hot targets, one row per image"));
Console.WriteLine($"same as LabelVocabulary.Encode: {targets.equal(reference).all().item<bool>()}; labels per image {Values(targets.sum(dim: 1))}; frequency {Values(labelFrequency(targets))}");

// Decoding goes the other way, from scores to names, with a threshold:

// ---- cell 24 ----
var scores = new float[] { 0.9f, 0.2f, 0.6f, 0.1f, 0.4f, 0.7f };
Console.WriteLine($"decoded row 0: {string.Join(", ", vocabulary.Decode(targets[0].data<float>().ToArray()))}; scores -> labels at 0.5: {string.Join(", ", vocabulary.Decode(scores, threshold: 0.5f))}");

// ## 9. Memory: dispose scopes
//
// A `Tensor` object on the .NET heap is a small handle; its numbers live in libtorch's native memory (or on the GPU).
// The garbage collector sees only the handle, a few dozen bytes, so it has no reason to hurry: a training loop that
// creates thousands of intermediate tensors per epoch can run out of native memory long before the GC runs.
//
// The fix is to dispose tensors deterministically. A **dispose scope** collects every tensor created while it is open
// and disposes them when it closes; `MoveToOuterDisposeScope()` keeps a result alive past it. The library opens one
// scope per batch and per metric computation. Watch the count of live tensors:

// ---- cell 25 ----
long Live() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;
int steps = FastMode.Choose(200, 20);

long before = Live();
long managedBefore = GC.GetAllocatedBytesForCurrentThread();
for (int i = 0; i < steps; i++)
{
    var x = torch.rand(128, 128);
    var y = (x * 2).relu();
}

long alive = Live() - before;
long managed = GC.GetAllocatedBytesForCurrentThread() - managedBefore;
Console.WriteLine($"without a scope: {alive} tensors left alive, {alive * 128 * 128 * 4 / 1024} KiB of native memory; " +
                  $"the .NET objects for them took only {managed / 1024} KiB, which is all the GC sees");

Tensor kept = torch.zeros(1);
before = Live();
for (int i = 0; i < steps; i++)
{
    using var scope = torch.NewDisposeScope();
    var x = torch.rand(128, 128);
    var y = (x * 2).relu();
    if (i == steps - 1)
    {
        kept = y.sum().MoveToOuterDisposeScope();   // survives the scope
    }
}

Console.WriteLine($"with a scope per step: {Live() - before} tensor left alive, the one we kept ({kept.item<float>():F1})");

// ## Summary
//
// - Tensors have a shape, a dtype and a device. `float[]` and `1.5f` give Float32 (images, weights, targets);
//   `double[]` and `1.5` give Float64, `int[]` Int32, `long[]` Int64. Convert at the boundary: a Float64 input does not
//   mix with Float32 weights. `data<T>().ToArray()` and `item<T>()` bring numbers back to .NET.
// - A shape change that can be a view is one (`view`, `permute`, `t`, `squeeze`, `unsqueeze`, basic slices); boolean
//   masks and `index_select` copy; `reshape` may do either. Images go from (H, W, C) in files to `[C, H, W]` tensors.
// - `cat` joins along a dimension, `stack` adds one; `torch.where` picks element by element.
// - Broadcasting aligns shapes from the right and stretches size-1 dimensions; `keepdim: true` keeps results
//   broadcastable. Standardising is (x - mean) / std per channel.
// - Reduce with named dimensions: `sum(dim: 0)`, never `sum(0)` with a constant 0, which sums bytes.
// - In-place operations end in `_` and write through views.
// - Multi-label targets are `[N, L]` multi-hot Float32 matrices; `LabelVocabulary` maps names to columns.
// - The GC does not see native memory: open a dispose scope per batch and move out what must survive.
//
// ## Questionnaire
//
// 1. What are the shape and dtype of the targets of 32 images with 6 possible labels?
// 2. What dtype does `torch.tensor(new[] { 1.0, 2.0 })` have, and what happens when it meets a `Linear` layer?
// 3. What is the shape of `[8, 1, 5] + [3, 1]`? And of `[8, 3] + [8]`?
// 4. What does `t.sum(0)` compute in TorchSharp for `t = [0.5, 1.5]`, and how do you sum over the first dimension?
// 5. You change an element of `t[0]` and `t` changes too. Why? Would the same happen with `t[t > 0]`?
// 6. An image's decoded pixels are `[H, W, 3]`. Why is `reshape(3, H, W)` the wrong way to get `[3, H, W]`?
// 7. Why can a training loop run out of memory although the .NET GC reports only a few megabytes in use?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. `[32, 6]`, Float32.
// 2. Float64 (a C# `double[]`). A Float32 layer throws ("mat1 and mat2 must have the same dtype"); convert with
//    `.to(ScalarType.Float32)`.
// 3. `[8, 3, 5]` (from the right: 5 with 1, 1 with 3, 8 with nothing). `[8, 3] + [8]` fails: 3 and 8 differ and neither
//    is 1 (write `[8, 3] + [8, 1]` to add a value per row).
// 4. It calls `sum(ScalarType.Byte)`: the values become bytes (0 and 1) and the sum is 1, a Byte tensor. Write
//    `t.sum(dim: 0)`.
// 5. `t[0]` is a view: it shares memory with `t`. A boolean mask copies, so writing into `t[t > 0]` leaves `t` alone.
// 6. A reshape keeps the elements' order, so it would read R, G, B of the first pixel as three neighbouring pixels of
//    the red plane: the dimensions must be reordered, not reinterpreted.
// 7. The GC sees only the small .NET handles; the numbers live in native memory, which it does not count. Dispose
//    scopes free them deterministically.
// </details>
//
// ## Further research
//
// `reshape` returned a view for `grid` and a copy for its transpose. Find a rule: for which shapes and strides can a
// reshape be a view? Test it with `is_contiguous()` and `stride()` on slices such as `g[TensorIndex.Colon, TensorIndex.Slice(0, 2)]`,
// and compare with PyTorch's documentation of `torch.Tensor.view`.

// ---- cell 26 ----
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("02"));
