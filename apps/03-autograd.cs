// Lesson 03-autograd as a .NET file-based app, exported by `mlc export-apps` from notebooks/03-autograd.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/03-autograd.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/03-autograd/; exercises are checked as in the notebook: edit the solution regions here or there.
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

// # 03 · Autograd, sigmoid and binary cross-entropy
//
// **Goals.** After this notebook you can
//
// - mark tensors with `requires_grad`, call `backward()` and read gradients, and know why they accumulate;
// - explain the graph autograd records, the chain rule it applies, leaf and non-leaf tensors, and `detach()`;
// - switch gradient tracking off with `no_grad`, and update weights without breaking the graph;
// - turn logits into probabilities with the sigmoid, and write binary cross-entropy (BCE) yourself, stably;
// - derive BCE's gradient by hand and check any gradient numerically with finite differences;
// - train a tiny multi-label model with your own sigmoid and loss, and see what the learning rate and the batch size do.
//
// Training a network means adjusting its weights to lower a loss. The gradient of the loss with respect to each
// weight says which way is downhill; **autograd** computes all of them from the operations you ran.

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("03-autograd");

// ## 1. `requires_grad` and `backward`
//
// Autograd records every operation on tensors that require gradients. `backward()` on a scalar result walks that
// record backwards and stores d(result)/d(x) in `x.grad`. For `y = x² + 2x` the derivative is `2x + 2`, so 8 at x = 3:

// ---- cell 2 ----
var x = torch.tensor(3.0f, requires_grad: true);
var y = x * x + 2 * x;
y.backward();
Console.WriteLine($"y = {y.item<float>()}, dy/dx = {x.grad!.item<float>()}");

// Gradients **accumulate**: a second `backward()` adds to `x.grad` instead of replacing it. Training loops therefore
// zero the gradients before every step (`optimizer.zero_grad()` does it for all weights).

// ---- cell 3 ----
var y2 = x * x + 2 * x;
y2.backward();
Console.WriteLine($"after a second backward: {x.grad!.item<float>()} (8 + 8)");
x.grad!.zero_();
Console.WriteLine($"after zero_(): {x.grad!.item<float>()}");

// ## 2. The graph and the chain rule
//
// Each operation on a tensor that requires gradients adds a node to a graph: `u = w·x + b`, then `p = σ(u)`. The tensors
// you create yourself (`w`, `b`) are **leaves**; results of operations (`u`, `p`) are not. `backward()` walks the graph
// from the result to the leaves and multiplies the local derivatives on the way, the **chain rule**:
//
//   dp/dw = dp/du · du/dw = σ(u)(1 − σ(u)) · x.
//
// Only leaves keep their gradient in `.grad` (intermediate ones are freed as soon as they are used). `detach()` gives a
// tensor with the same numbers that is cut off from the graph: nothing flows back through it.

// ---- cell 4 ----
var w = torch.tensor(0.5f, requires_grad: true);
var bias = torch.tensor(-1.0f, requires_grad: true);
var input = torch.tensor(3.0f);
var u = w * input + bias;
var p = torch.sigmoid(u);
p.backward();
float s = torch.sigmoid(u).item<float>();
Console.WriteLine($"leaves: w {w.is_leaf}, bias {bias.is_leaf}; results: u {u.is_leaf}, p {p.is_leaf}");
Console.WriteLine($"autograd dp/dw = {w.grad!.item<float>():F6}; chain rule by hand σ(u)(1 − σ(u))·x = {s * (1 - s) * 3:F6}; dp/db = {bias.grad!.item<float>():F6}");
var cut = p.detach();
Console.WriteLine($"p.requires_grad {p.requires_grad}; p.detach().requires_grad {cut.requires_grad}");

// ## 3. `no_grad`, and how (not) to update weights
//
// Recording costs memory and time. Inside a `no_grad` block nothing is recorded: use it for evaluation and for
// updating the weights themselves.

// ---- cell 5 ----
using (torch.no_grad())
{
    var z = x * 2;
    Console.WriteLine($"inside no_grad: requires_grad = {z.requires_grad}");
}
Console.WriteLine($"outside: requires_grad = {(x * 2).requires_grad}");

// Why the update must happen inside `no_grad`, and in place:
//
// - **In place, outside `no_grad`**: libtorch refuses to change a leaf that requires gradients in place while it
//   records, and throws.
// - **`W = W - lr * W.grad`** (a new tensor): it runs, but the new `W` is the *result of an operation*, not a leaf: the
//   next `backward()` leaves its `.grad` empty, and the graph grows with every step.
// - **In place inside `no_grad`** (`W.sub_(lr * W.grad)`): right. The optimizers of lesson 04 do exactly this.

// ---- cell 6 ----
var weight = torch.ones(3, requires_grad: true);
(weight * weight).sum().backward();
try
{
    weight.sub_(0.1 * weight.grad!);
}
catch (Exception e)
{
    Console.WriteLine($"in place outside no_grad: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
}

var replaced = weight - 0.1 * weight.grad!;
Console.WriteLine($"W = W - lr * grad: is_leaf {replaced.is_leaf}, requires_grad {replaced.requires_grad}: a step of the graph, not a weight");
using (torch.no_grad())
{
    weight.sub_(0.1 * weight.grad!);
}

Console.WriteLine($"in place inside no_grad: is_leaf {weight.is_leaf}, values {string.Join(", ", weight.data<float>().ToArray())}");

// ## 4. From logits to probabilities: the sigmoid
//
// A multi-label model outputs one real number per label, a **logit** z. The sigmoid σ(z) = 1 / (1 + e^(−z)) squashes
// it into a probability in (0, 1), independently for every label: unlike a softmax, the probabilities of an image's
// labels do not compete and need not sum to 1.

// ---- cell 7 ----
var zs = torch.linspace(-8, 8, 81);
double[] zValues = zs.data<float>().Select(v => (double)v).ToArray();
double[] pValues = torch.sigmoid(zs).data<float>().Select(v => (double)v).ToArray();
Display.Show(Charts.Line("The sigmoid turns a logit into a probability", zValues, new[] { ("sigmoid(z)", (IReadOnlyList<double>)pValues) }, "logit z", "probability"));

// **Exercise 03.1.** Write the sigmoid yourself, element by element, without calling `torch.sigmoid`. It must be
// right for every float32 logit, also for z = ±100 (a confident model produces such logits).

// ---- cell 8 ----
// EXERCISE 03.1: sigmoid by hand (1 point)
Tensor Sigmoid(Tensor z)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson03.Sigmoid.Check(Sigmoid);

// ## 5. Binary cross-entropy, by hand
//
// Each label is a yes/no question, so the loss of one (image, label) pair is the binary cross-entropy between the
// target y (0 or 1) and the predicted probability p = σ(z):
//
//   BCE = −[ y · log p + (1 − y) · log(1 − p) ]
//
// It is small when p is close to y and grows without bound as p approaches the wrong end. The loss of a batch is the
// mean over all images and labels. Written from the definition, it agrees with the built-ins on moderate logits:

// ---- cell 9 ----
var logits = torch.tensor(new float[] { -2f, 0.5f, 3f, 1f });
var targets = torch.tensor(new float[] { 0f, 1f, 1f, 0f });
var probabilities = torch.sigmoid(logits);
var byHand = (-(targets * torch.log(probabilities) + (1 - targets) * torch.log(1 - probabilities))).mean();
var builtIn = nn.functional.binary_cross_entropy(probabilities, targets);
var onLogits = nn.functional.binary_cross_entropy_with_logits(logits, targets);
Console.WriteLine($"by hand {byHand.item<float>():F6}   binary_cross_entropy {builtIn.item<float>():F6}   with_logits {onLogits.item<float>():F6}");

// Now a confident model, z = 40, once wrong (y = 0) and once right (y = 1). The exact losses are 40 and
// log(1 + e^(−40)) ≈ 4·10^(−18). In float32, σ(40) rounds to exactly 1, and the three ways disagree:

// ---- cell 10 ----
var confident = torch.tensor(new float[] { 40f, 40f });
var outcome = torch.tensor(new float[] { 0f, 1f });
var pc = torch.sigmoid(confident);
var naive = -(outcome * torch.log(pc) + (1 - outcome) * torch.log(1 - pc));
var clamped = nn.functional.binary_cross_entropy(pc, outcome, reduction: nn.Reduction.None);
var stable = nn.functional.binary_cross_entropy_with_logits(confident, outcome, reduction: nn.Reduction.None);
var compare = new Table(["z = 40", "sigmoid(z) in float32", "naive formula", "binary_cross_entropy(sigmoid(z), y)", "binary_cross_entropy_with_logits(z, y)"]);
for (int i = 0; i < 2; i++)
{
    compare.AddRow(i == 0 ? "wrong, y = 0 (exact loss 40)" : "right, y = 1 (exact loss 4e-18)", pc[i].item<float>().ToString("R"),
        naive[i].item<float>().ToString("G4"), clamped[i].item<float>().ToString("G4"), stable[i].item<float>().ToString("G4"));
}

MultiLabel.Runtime.LessonApp.Result(() => compare);

// - The **naive formula** fails because σ(40) rounds to 1, not because anything overflows: log(1 − 1) = log 0 = −∞, so a
//   confident mistake costs ∞, and a confident right answer gives 0 · (−∞) = NaN. One NaN in a batch turns the mean
//   and every gradient into NaN.
// - The built-in **`binary_cross_entropy` on probabilities** does not fail, which is worse: libtorch clamps each log at
//   −100, so it returns a finite, wrong loss (100 instead of 40) whose gradient is 0: the model gets no signal to fix
//   its most confident mistakes.
// - **`binary_cross_entropy_with_logits`** never forms p: it uses log σ(z) = −log(1 + e^(−z)) and rearranges the terms
//   so that e is only raised to −|z|. It is exact, and so is its gradient.
//
// **Exercise 03.2.** Write BCE on logits yourself: the mean over all elements, right (not just finite) for logits up to
// ±100, and differentiable by autograd (a model will train through it below).

// ---- cell 11 ----
// EXERCISE 03.2: binary cross-entropy on logits, by hand (3 points)
Tensor BceWithLogits(Tensor logits, Tensor targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson03.BceWithLogits.Check(BceWithLogits);

// ## 6. The gradient of BCE, by hand
//
// Autograd computes gradients for us, but knowing the gradient of the loss with respect to the logits explains how a
// multi-label model learns: each label's logit is pushed by its own error.
//
// **Exercise 03.3.** Derive the gradient of the *mean* BCE with respect to the logits, on paper, then write it without
// autograd. The check compares it with autograd on logits up to ±100.

// ---- cell 12 ----
// EXERCISE 03.3: the gradient of BCE with respect to the logits (2 points)
Tensor BceGradient(Tensor logits, Tensor targets)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson03.BceGradient.Check(BceGradient);

// ## 7. Checking a gradient numerically
//
// How do you know that a gradient, yours or autograd's through your own loss, is right? Compare it with the definition
// of a derivative: move one input by a small eps and see how the output changes. The centred difference
//
//   ∂f/∂x_i ≈ (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps)
//
// is off by about eps² (a one-sided difference by about eps). It needs Float64: the difference of two nearly equal
// values keeps only the digits they do not share, and float32 has about 7.
//
// **Exercise 03.4.** Write `NumericalGradient(f, x, eps)`: for a function f that returns a scalar tensor, estimate its
// gradient at x (Float64) coordinate by coordinate with centred differences. Leave x as you found it.

// ---- cell 13 ----
// EXERCISE 03.4: a finite-difference gradient check (3 points)
Tensor NumericalGradient(Func<Tensor, Tensor> f, Tensor x, double eps)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson03.NumericalGradient.Check(NumericalGradient);

// A gradient check of everything this lesson built: autograd through your loss (03.2), your hand-derived gradient (03.3)
// and the finite-difference estimate (03.4), on random logits in Float64:

// ---- cell 14 ----
var myBce = Lesson03.BceWithLogits.AnswerOrModel(BceWithLogits);
var myGradient = Lesson03.BceGradient.AnswerOrModel(BceGradient);
var numerical = Lesson03.NumericalGradient.AnswerOrModel(NumericalGradient);

var generator = new torch.Generator(11);
var checkLogits = (torch.randn(new long[] { 4, 3 }, generator: generator) * 3).to(ScalarType.Float64);
var checkTargets = (torch.rand(new long[] { 4, 3 }, generator: generator) > 0.5).to(ScalarType.Float64);
var at = checkLogits.clone().requires_grad_(true);
myBce(at, checkTargets).backward();
var estimate = numerical(z => myBce(z, checkTargets), checkLogits.clone(), 1e-5);
var byHandGradient = myGradient(checkLogits, checkTargets);
Console.WriteLine($"largest difference, autograd vs finite differences: {(at.grad! - estimate).abs().max().item<double>():E1}");
Console.WriteLine($"largest difference, your formula vs autograd:       {(byHandGradient - at.grad!).abs().max().item<double>():E1}");

// Differences around 10^(−10) or below mean agreement (the centred difference with eps = 10^(−5) is off by about eps²
// times the third derivative). A wrong gradient shows differences of the size of the gradient itself, around 10^(−2) here.
//
// ## 8. Gradient descent on a toy multi-label problem
//
// Points in the square [−1, 1]² carry up to three labels: **right** (x > 0), **top** (y > 0) and **corner**
// (x + y > 0.5). Like real annotations, the labels are noisy: each one is flipped with probability 10 %, so no model can
// be right on all of them. The model is as small as possible: one logit per label, z = X·W + b, with W of shape [2, 3].

// ---- cell 15 ----
torch.manual_seed(3);
int n = FastMode.Choose(400, 100);
var X = torch.rand(n, 2) * 2 - 1;
var px = X[TensorIndex.Colon, 0];
var py = X[TensorIndex.Colon, 1];
var clean = torch.stack(new[] { px > 0, py > 0, (px + py) > 0.5 }, dim: 1).to(ScalarType.Float32);
var flipped = (torch.rand(n, 3) < 0.1).to(ScalarType.Float32);
var Y = (clean - flipped).abs();                 // 10 % of the labels flipped
string[] toyLabels = ["right", "top", "corner"];
Console.WriteLine($"{n} points; label frequency: {string.Join(", ", toyLabels.Zip(Y.mean(new long[] { 0 }).data<float>().ToArray(), (l, f) => $"{l} {f:P0}"))}; " +
                  $"labels flipped: {flipped.mean().item<float>():P1}");
Console.WriteLine($"labels per point: {string.Join(", ", Enumerable.Range(0, 4).Select(k => $"{k}: {(Y.sum(dim: 1) == k).sum().item<long>()}"))}");

// Look at the data before training: the points that carry "corner" form a triangle in the top right, with flipped
// labels scattered everywhere.

// ---- cell 16 ----
double[] xs = px.data<float>().Select(v => (double)v).ToArray();
double[] ys = py.data<float>().Select(v => (double)v).ToArray();
bool[] corner = (Y[TensorIndex.Colon, 2] > 0.5).data<bool>().ToArray();
var scatter = new Figure("The toy data: points with and without the label \"corner\"").XAxis("x").YAxis("y").Size(null, 420);
scatter.AddScatter(xs.Where((_, i) => corner[i]), ys.Where((_, i) => corner[i]), "corner");
scatter.AddScatter(xs.Where((_, i) => !corner[i]), ys.Where((_, i) => !corner[i]), "not corner");
Display.Show(scatter);

// Gradient descent repeats: compute the loss, `backward()`, step every weight against its gradient inside `no_grad`,
// zero the gradients. The loss is **your** `BceWithLogits` and the predictions use **your** `Sigmoid` (or the model
// answers, as the lines below say). The weights start small and random (seeded), not at zero.

// ---- cell 17 ----
var mySigmoid = Lesson03.Sigmoid.AnswerOrModel(Sigmoid);

(Tensor W, Tensor b) NewModel()
{
    var generator = new torch.Generator(7);
    return ((torch.randn(new long[] { 2, 3 }, generator: generator) * 0.01).requires_grad_(true), torch.zeros(3, requires_grad: true));
}

void Step(Tensor W, Tensor b, Tensor inputs, Tensor labels, double lr)
{
    var stepLoss = myBce(inputs.matmul(W) + b, labels);
    stepLoss.backward();
    using (torch.no_grad())
    {
        W.sub_(W.grad! * lr);
        b.sub_(b.grad! * lr);
        W.grad!.zero_();
        b.grad!.zero_();
    }
}

double Loss(Tensor W, Tensor b)
{
    using var noGrad = torch.no_grad();
    return myBce(X.matmul(W) + b, Y).item<float>();
}

var (toyW, toyB) = NewModel();
int steps = FastMode.Choose(300, 40);
using (var chart = new LiveChart("Gradient descent on the toy problem (learning rate 5)", "step", "mean BCE").Show())
{
    for (int step = 1; step <= steps; step++)
    {
        using var scope = torch.NewDisposeScope();
        Step(toyW, toyB, X, Y, lr: 5);
        chart.Add("training loss", step, Loss(toyW, toyB));
    }
}

Console.WriteLine($"loss after {steps} steps: {Loss(toyW, toyB):F3}");

// Inspect what was learned: the weights, and how often each label is predicted right (a probability above 0.5):

// ---- cell 18 ----
using (torch.no_grad())
{
    Display.Show(TensorTable.From(toyW, columnNames: toyLabels, title: "W: one column per label (rows: x, y)"));
    var predicted = mySigmoid(X.matmul(toyW) + toyB) > 0.5;
    var correct = predicted.eq(Y.to(ScalarType.Bool)).to(ScalarType.Float32).mean(new long[] { 0 });
    var cleanCorrect = predicted.eq(clean.to(ScalarType.Bool)).to(ScalarType.Float32).mean(new long[] { 0 });
    Display.Show(Charts.GroupedBar("Accuracy per label after training", toyLabels,
        new[] { ("against the noisy labels", (IReadOnlyList<double>)correct.data<float>().Select(v => (double)v).ToArray()),
                ("against the clean labels", (IReadOnlyList<double>)cleanCorrect.data<float>().Select(v => (double)v).ToArray()) }, "accuracy").YAxis(min: 0, max: 1));
    Console.WriteLine($"accuracy against the noisy labels {Values(correct)}; against the clean ones {Values(cleanCorrect)}");
}

static string Values(Tensor t) => string.Join(", ", t.data<float>().ToArray().Select(v => v.ToString("F3")));

// Each label got its own weights and its own sigmoid: the three yes/no questions are learned side by side, which is
// exactly the structure of a multi-label classifier. Measured on a 2-core AMD EPYC CPU (not in fast mode), where 8.9 % of
// the 1,200 labels came out flipped: after 300 steps the loss is 0.387, and the model is right on 88.7 %, 85.8 % and
// 92.5 % of the noisy labels (right, top, corner) but on 96.5 %, 96.7 % and 100 % of the clean ones. It learned the rule,
// not the noise.
//
// ## 9. The learning rate
//
// The learning rate scales every step. Too small, and training crawls; too large, and each step overshoots the
// minimum, so the loss jumps around or grows. The same model from the same start, with three learning rates:

// ---- cell 19 ----
var rates = new[] { 0.1, 5.0, 150.0 };
int rateSteps = FastMode.Choose(150, 20);
var curves = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
foreach (var lr in rates)
{
    var (rateW, rateB) = NewModel();
    var curve = new List<double>();
    for (int step = 1; step <= rateSteps; step++)
    {
        using var scope = torch.NewDisposeScope();
        Step(rateW, rateB, X, Y, lr);
        curve.Add(Loss(rateW, rateB));
    }

    curves.Add(($"learning rate {lr}", Enumerable.Range(1, rateSteps).Select(i => (double)i).ToList(), curve));
    Console.WriteLine($"learning rate {lr,5}: loss after 10 steps {curve[Math.Min(9, curve.Count - 1)]:F3}, after {rateSteps} {curve[^1]:F3}, highest after the first step {curve.Skip(1).DefaultIfEmpty(curve[0]).Max():F3}");
}

Display.Show(Charts.Curves("The same model, three learning rates", curves, "step", "mean BCE").YAxis(min: 0, max: 2));

// Measured on a 2-core AMD EPYC CPU (not in fast mode), over 150 steps: with 0.1 the loss is still 0.544, with 5 it
// reaches 0.387, and with 150 it jumps around (up to 4.37 after the first step) and ends at 0.762. For networks the good
// range is found by trying, and training usually starts low, warms up and decays the rate again: the one-cycle schedule
// of lesson 04's trainer.
//
// ## 10. Full batch or minibatches
//
// So far each step used all points (**full-batch** gradient descent). With 1.2 million images that is far too slow
// per step. **Minibatch** (stochastic) gradient descent takes each step on a small random batch: a noisier gradient,
// but many more steps for the same work. One **epoch** is one pass over the data.

// ---- cell 20 ----
int epochs = FastMode.Choose(20, 3);
var perEpoch = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
// (app) generator is renamed generator_20 here: an app's cells share one scope
foreach (var batch in new[] { n, 20 })
{
    var (batchW, batchB) = NewModel();
    var generator_20 = new torch.Generator(5);
    var losses = new List<double>();
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        var order = torch.randperm(n, generator: generator_20);
        for (int start = 0; start + batch <= n; start += batch)
        {
            using var scope = torch.NewDisposeScope();
            var rows = order.narrow(0, start, batch);
            Step(batchW, batchB, X.index_select(0, rows), Y.index_select(0, rows), lr: 5);
        }

        losses.Add(Loss(batchW, batchB));
    }

    perEpoch.Add((batch == n ? $"full batch ({n} points, 1 step per epoch)" : $"minibatches of {batch} ({n / batch} steps per epoch)",
        Enumerable.Range(1, epochs).Select(e => (double)e).ToList(), losses));
    Console.WriteLine($"batch {batch,3}: loss after epoch 1 {losses[0]:F3}, after epoch {epochs} {losses[^1]:F3}");
}

Display.Show(Charts.Curves("Loss after each epoch: full batch against minibatches (learning rate 5)", perEpoch, "epoch", "mean BCE"));

// Measured on a 2-core AMD EPYC CPU (not in fast mode): after one epoch the minibatches have reached a loss of 0.405,
// the full batch 0.618; after 20 epochs 0.388 against 0.405. Both computed the same number of gradients per epoch: the
// minibatch run turned them into 20 steps. Deep learning trains with minibatches, on shuffled data, for this reason.
//
// The next lessons replace X·W + b with a convolutional network and the hand-written step with an optimizer, but the
// loop stays the same.
//
// ## Summary
//
// - `requires_grad` tensors record operations into a graph; `backward()` applies the chain rule from the result to the
//   leaves and fills their `.grad`; gradients accumulate until zeroed. `detach()` cuts a tensor from the graph.
// - Update weights in place inside `no_grad`: in place outside it throws for a leaf, and `W = W - ...` turns the weight
//   into a non-leaf whose `.grad` stays empty.
// - Multi-label: one logit per label, σ(z) per label, independent probabilities.
// - BCE = −[y log p + (1 − y) log(1 − p)], averaged over images and labels. From probabilities it breaks for confident
//   predictions: the naive form gives ∞ or NaN (σ rounds to 1), the built-in clamps the log at −100 and returns a
//   finite, wrong loss with no gradient. Compute it from logits.
// - Check a gradient with centred finite differences in Float64.
// - A learning rate too small crawls, too large oscillates or diverges; minibatches take many noisy steps per epoch
//   and usually get further than one full-batch step.
//
// ## Questionnaire
//
// 1. Why does a training loop call `zero_grad()` (or `grad.zero_()`) every step?
// 2. Which tensors keep a gradient after `backward()`, and what does `detach()` do?
// 3. What goes wrong with `W = W - lr * W.grad` in a training loop, and with `W.sub_(lr * W.grad)` outside `no_grad`?
// 4. Why are the label probabilities of one image not required to sum to 1 in multi-label classification?
// 5. For a logit of 40 and a target of 0, what do the naive formula, `binary_cross_entropy(sigmoid(z), y)` and
//    `binary_cross_entropy_with_logits(z, y)` return, and why?
// 6. Does the gradient of the mean BCE with respect to one label's logit depend on the logits of the other labels?
// 7. Why must a finite-difference check run in Float64, and why is a centred difference better than a one-sided one?
// 8. Your loss jumps up and down from step to step and sometimes grows. What do you change first?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. Gradients accumulate in `.grad`; without zeroing, each step would use the sum of all previous gradients.
// 2. Leaves that require gradients (the tensors you created, such as weights); intermediate results do not keep theirs.
//    `detach()` returns the same numbers without a link to the graph, so no gradient flows back through it.
// 3. `W = W - ...` makes W the result of an operation: it is no longer a leaf, its `.grad` stays empty and the graph
//    grows every step. The in-place update outside `no_grad` throws, because autograd would have to record an in-place
//    change of a leaf it needs.
// 4. Each label is its own yes/no question with its own sigmoid; an image can show several labels or none.
// 5. Infinity (σ(40) rounds to 1 and log(1 − 1) is −∞), 100 (libtorch clamps the log at −100: finite and wrong), and 40
//    (exact: it never forms p).
// 6. No: each element's loss depends only on its own logit and target, so its gradient does too (the mean only scales
//    it by one over the number of elements). That is why each label learns on its own.
// 7. The difference of two close values keeps only their differing digits, about 7 in float32 (too few for eps around
//    10^(−5)). A centred difference's error shrinks like eps², a one-sided one's like eps.
// 8. Lower the learning rate (then look at clipping and the data).
// </details>
//
// ## Further research
//
// Make the toy problem non-linear: give the points a fourth label "ring" (0.4 < x² + y² < 0.8). Can z = X·W + b learn
// it? Add the features x², y² and xy to X (a [n, 5] input) and train again. What does this tell you about what a
// hidden layer (lesson 04) buys?

// ---- cell 21 ----
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("03"));
