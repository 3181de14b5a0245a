// Lesson 07-training as a .NET file-based app, exported by `mlc export-apps` from notebooks/07-training.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/07-training.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/07-training/; exercises are checked as in the notebook: edit the solution regions here or there.
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
using MultiLabel.Training;
using MultiLabel.Data;
using MultiLabel.Models;
using MultiLabel.Training.Callbacks;

// # 07 · Training: the loss, the loop, the trainer, GPUs and checkpoints
//
// **Goals.** After this notebook you can
//
// - choose the loss of a multi-label model, and say why softmax cross-entropy is wrong here, why `binary_cross_entropy`
//   on raw logits is wrong, and what `binary_cross_entropy_with_logits` does for stability;
// - explain what AdamW and a one-cycle learning-rate schedule do, step by step;
// - write a training step (zero the gradients, forward, loss, backward, clip, step) and a training loop with a dispose
//   scope per batch;
// - validate correctly: `eval()`, `no_grad`, and a mean over images, not over batches;
// - use the library's `Trainer`, which runs the same loop, and say why its numbers are close to yours but not equal;
// - train on a GPU when there is one: what moves to the device once, what moves every step, and how to time it
//   honestly; say what mixed precision (bfloat16, float16) is, why weights stay in float32, and train with it
//   through the library's float32 master weights and low-precision replica;
// - use early stopping and checkpoints, interrupt a run on purpose and resume it so that it ends as if it had never
//   stopped.
//
// Library files this lesson opens: [Trainer.cs](../lib/MultiLabel/Training/Trainer.cs) (with
// [Trainer.Evaluation.cs](../lib/MultiLabel/Training/Trainer.Evaluation.cs) and
// [Trainer.State.cs](../lib/MultiLabel/Training/Trainer.State.cs)), [TrainerOptions.cs](../lib/MultiLabel/Training/TrainerOptions.cs),
// [LearningRateSchedule.cs](../lib/MultiLabel/Training/LearningRateSchedule.cs), the callbacks in
// [Callbacks/](../lib/MultiLabel/Training/Callbacks/TrainerCallback.cs), [Checkpoint.cs](../lib/MultiLabel/Training/Checkpoint.cs),
// [TrainingRun.cs](../lib/MultiLabel/Training/TrainingRun.cs), [TrainingRecipe.cs](../lib/MultiLabel/Training/TrainingRecipe.cs),
// [StepTiming.cs](../lib/MultiLabel/Training/StepTiming.cs), [MixedPrecision.cs](../lib/MultiLabel/Training/MixedPrecision.cs) and
// [CpuFeatures.cs](../lib/MultiLabel/Runtime/CpuFeatures.cs).

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("07-training");

// ## 1. The loss: one yes/no per label
//
// A multi-class model picks **one** class: softmax turns its logits into probabilities that sum to 1, and cross-entropy
// rewards the probability of the right class. A multi-label image can carry several labels or none. Give softmax
// cross-entropy the multi-hot target anyway (spread over the present labels, the usual trick) and look at a batch of
// three images with four labels, scored by a model that is confident and right: logit +6 where a label is present, −6
// where it is absent.

// ---- cell 2 ----
var targets = torch.tensor(new float[] { 1, 0, 0, 0,    1, 1, 0, 0,    0, 0, 0, 0 }).reshape(3, 4);   // one label, two labels, none
var logits = targets * 12 - 6;                                                                      // +6 present, -6 absent
var softmax = logits.softmax(1);
var spread = targets / targets.sum(dim: 1, keepdim: true).clamp_min(1);                            // [1,1,0,0] -> [0.5,0.5,0,0]
var softmaxCe = -(spread * logits.log_softmax(1)).sum(dim: 1);
var bce = nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None).mean(new long[] { 1 });
var lossTable = new Table(["image", "targets", "softmax probabilities", "softmax CE", "sigmoid probabilities", "BCE with logits"], "A confident, right model");
for (int i = 0; i < 3; i++)
{
    string Row(Tensor t) => string.Join(" ", t[i].data<float>().ToArray().Select(v => v.ToString("F3")));
    lossTable.AddRow(i.ToString(), Row(targets), Row(softmax), (softmaxCe[i].item<float>() + 0f).ToString("F4"), Row(logits.sigmoid()), bce[i].item<float>().ToString("F4"));
}

Display.Show(lossTable);
Console.WriteLine($"two labels: softmax CE {softmaxCe[1].item<float>():F4} (it can never go below ln 2 = {Math.Log(2):F4}); " +
                  $"each present label gets softmax probability {softmax[1, 0].item<float>():F3}, and never more than 0.5");

// Softmax makes the labels **compete**: the probabilities of an image sum to 1, so two present labels can get at
// most 0.5 each (never a confident yes) and the loss of the two-label image stays above ln 2 however right the model
// is; raising one label's logit *lowers* the other's probability. The image without labels has nothing to spread: its
// target row is all zeros, so its loss is 0 and softmax cross-entropy learns nothing from it, while its softmax must
// still put its whole mass somewhere (0.25 on each label). **Binary cross-entropy** treats every label as its
// own yes/no question with its own sigmoid: the confident, right model gets a loss near 0 on all three images. That is
// the loss of every multi-label model in this course: `binary_cross_entropy_with_logits`, the library's
// [BceLoss](../lib/MultiLabel/Losses/BceLoss.cs) (lesson 09 adds positive weights, focal and asymmetric losses).
//
// **Which BCE?** TorchSharp has two: `binary_cross_entropy(probabilities, targets)` and
// `binary_cross_entropy_with_logits(logits, targets)`. Feeding the model's raw logits to the first is an error; and
// applying a sigmoid first, then the first, is *silently* wrong for large logits:

// ---- cell 3 ----
try
{
    nn.functional.binary_cross_entropy(logits, targets);
}
catch (Exception e)
{
    Console.WriteLine($"binary_cross_entropy on raw logits: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
}

foreach (float z in new[] { 3f, 30f })
{
    var viaSigmoid = torch.tensor(new[] { z }, requires_grad: true);
    var naive = nn.functional.binary_cross_entropy(viaSigmoid.sigmoid(), torch.zeros(1));
    naive.backward();
    var direct = torch.tensor(new[] { z }, requires_grad: true);
    var stable = nn.functional.binary_cross_entropy_with_logits(direct, torch.zeros(1));
    stable.backward();
    Console.WriteLine($"logit {z}, target 0: sigmoid then BCE: loss {naive.item<float>():G4}, gradient {viaSigmoid.grad!.item<float>():G4}; " +
                      $"BCE with logits: loss {stable.item<float>():G4}, gradient {direct.grad!.item<float>():G4}");
}

// At logit 30 the float32 sigmoid rounds to exactly 1, so log(1 − p) is −∞; TorchSharp clamps the log at −100 (the
// loss reads 100 instead of 30), and the clamp has no slope, so the gradient is **0**: a confidently wrong label gets
// no signal to improve. `binary_cross_entropy_with_logits` never forms p: it computes
// max(z, 0) − z·y + log(1 + e^(−|z|)) (lesson 03's exercise), which is exact for every logit, and its gradient
// σ(z) − y is 1 here, as it should be. So the model ends in logits (lesson 04), and the loss takes them as they are.
//
// ## 2. The optimiser and the learning-rate schedule
//
// **AdamW** keeps, for every parameter, a running mean of its gradients (momentum: a direction that persists) and of
// their squares (a scale: parameters with large, noisy gradients take smaller steps). Its step is about the learning
// rate in size whatever the gradients' scale, which is why one learning rate (3e-3) suits most small models. The "W" is
// decoupled weight decay: every step also shrinks each weight by lr · decay · w, apart from the adaptive step
// (lesson 04). These running means are **state**: a checkpoint must keep them (section 5).
//
// The learning rate need not be constant. The library's default, **one-cycle**, starts at peak / 25, rises to the peak
// over the first 30 % of the steps (large steps are unstable while AdamW's running means are still empty), then falls
// along a cosine to almost 0 (small steps at the end settle in a minimum instead of bouncing around it). Each
// schedule is a pure function of the step number
// ([LearningRateSchedule.cs](../lib/MultiLabel/Training/LearningRateSchedule.cs)),
// so a resumed run only needs the step count to continue it:

// ---- cell 4 ----

const int plannedSteps = 200;
var steps = Enumerable.Range(0, plannedSteps).Select(s => (double)s).ToList();
var schedules = ScheduleKind.All.Select(kind => (
    $"{kind.Name}: {kind.Description}",
    (IReadOnlyList<double>)steps,
    (IReadOnlyList<double>)steps.Select(s => 3e-3 * kind.Factor((long)s, plannedSteps, 0.3)).ToList())).ToList();
Display.Show(Charts.Curves("Learning rate per optimizer step (peak 3e-3, 30 % warm-up)", schedules, "step", "learning rate"));
Console.WriteLine($"one-cycle: step 0 {3e-3 * ScheduleKind.OneCycle.Factor(0, plannedSteps, 0.3):G3}, step 59 {3e-3 * ScheduleKind.OneCycle.Factor(59, plannedSteps, 0.3):G3}, " +
                  $"step 199 {3e-3 * ScheduleKind.OneCycle.Factor(199, plannedSteps, 0.3):G3}");

// ## 3. A training step, and the loop around it
//
// Lesson 04's step had four parts (zero the gradients, loss, backward, step). A robust one adds clipping, in this
// order:
//
// 1. `optimizer.zero_grad()`: gradients add up in `.grad` until something clears them;
// 2. **forward**: `model.call(images)` gives logits `[B, L]`;
// 3. **loss**: mean BCE with logits;
// 4. `loss.backward()`: fills every parameter's `.grad`;
// 5. **clip**: `nn.utils.clip_grad_norm_(parameters, maxNorm)` scales all gradients together when their global norm
//    (the length of all of them as one vector) exceeds `maxNorm`, so one unlucky batch cannot throw the weights far;
// 6. `optimizer.step()`: moves the weights along the clipped gradients.
//
// Around it, the **loop**: for every epoch, for every batch, one step, inside `using var scope = torch.NewDisposeScope();`
// so that the batch's logits, loss and gradients' temporaries are freed when the batch ends (native and GPU memory is
// invisible to .NET's garbage collector; without the scope a long run grows until it fails).
//
// **Exercise 07.1.** Write `TrainStep`: one clipped step for any model and optimizer. Return the loss (before the
// step) as a number.

// ---- cell 5 ----
// EXERCISE 07.1: one training step with gradient clipping (2 points)
double TrainStep(nn.Module<Tensor, Tensor> model, torch.optim.Optimizer optimizer, Tensor images, Tensor targets, double maxNorm)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson07.TrainStep.Check(TrainStep);

// ## 4. Validation: `eval()`, `no_grad`, and a mean over images
//
// After each epoch the model is measured on the validation split. Three things make that measurement right and cheap:
//
// - **`model.eval()`**: dropout stops dropping and BatchNorm uses its running statistics, so the model behaves as it
//   will for predictions (and one image's score no longer depends on the rest of its batch). The next training epoch
//   must call `model.train()` again.
// - **`torch.no_grad()`**: autograd records no graph, so the forward pass keeps no activations for a backward that will
//   never come: less memory, less time.
// - **The mean over images**: the loader's last batch is usually shorter. The mean of the batches' means counts its few
//   images as much as a full batch; weight each batch's loss by its size instead.
//
// **Exercise 07.2.** Write `Validate`: the mean BCE with logits over all images of the given batches.

// ---- cell 6 ----
// EXERCISE 07.2: the validation loop (2 points)
double Validate(nn.Module<Tensor, Tensor> model, IReadOnlyList<(Tensor Images, Tensor Targets)> batches)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson07.Validate.Check(Validate);

// ## 5. What a checkpoint must keep
//
// A long run should survive a crash, a closed laptop or a time limit: after every epoch it writes a **checkpoint** from
// which it can continue. To continue *exactly*, the checkpoint needs everything the next step depends on:
//
// - the model's parameters and buffers (BatchNorm's running statistics);
// - the optimizer's state: AdamW's two running means and its step count per parameter. Without them the resumed run
//   restarts with empty means and takes different steps;
// - the position: the epoch (hence the data order of the next epoch, and the schedule's step);
// - the random generator's state, for dropout (and anything else random).
//
// And it must be a **copy**. `model.state_dict()` hands out the model's live tensors: keep that dictionary, train on,
// and your "checkpoint of epoch 2" silently holds the weights of epoch 5.
//
// **Exercise 07.3.** Write `TakeCheckpoint`: copy the model's weights, the optimizer's state and the epoch now, and
// return a function that restores them into a model and an optimizer of the same structure (it returns the epoch).
// The check trains a model, takes your checkpoint, trains on, restores it into a fresh model and compares the next
// step with that of a run that never stopped.

// ---- cell 7 ----
// EXERCISE 07.3: a checkpoint round trip (3 points)
Func<nn.Module, TorchSharp.Modules.OptimizerHelper, int> TakeCheckpoint(nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, int epoch)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson07.Checkpoint.Check(TakeCheckpoint);

// ## 6. The whole loop, by hand
//
// Your three functions (or the model answers, until yours pass) train the library's `SmallCnn` on generated shapes
// images (32 x 32, so that the lesson runs in a couple of minutes; fast mode: fewer images and epochs), with AdamW and
// the one-cycle schedule. The learning rate is set before every step from the step count; validation runs after every
// epoch; a live chart follows. After epoch 2 the loop takes a checkpoint with your `TakeCheckpoint`, and keeps the
// random generator's state beside it.

// ---- cell 8 ----

var trainStep = Lesson07.TrainStep.AnswerOrModel(TrainStep);
var validate = Lesson07.Validate.AnswerOrModel(Validate);
var takeCheckpoint = Lesson07.Checkpoint.AnswerOrModel(TakeCheckpoint);

var data = DatasetCatalog.Load(new DataSourceOptions("shapes", Count: FastMode.Choose(2000, 160), ImageSize: 32));
const int batchSize = 32, seed = 0, checkpointEpoch = 2;
int epochs = FastMode.Choose(6, 3);
var trainLoader = new DataLoader(data.Train, batchSize, shuffle: true, seed: seed, dropLast: true);
var valLoader = new DataLoader(data.Val, 256, shuffle: false);
var valBatches = valLoader.Epoch(0).Select(b => (b.Images, b.Targets)).ToList();   // small: kept for every epoch
Console.WriteLine($"{data.Description}: {data.Train.Count} train ({trainLoader.BatchCount} batches of {batchSize}), {data.Val.Count} validation images");

(Func<nn.Module, TorchSharp.Modules.OptimizerHelper, int> Restore, Tensor Rng)? handCheckpoint = null;   // set after epoch 2

// The loop, as a function of the model and optimizer, so that section 7 can resume it from a checkpoint.
List<(int Epoch, double TrainLoss, double ValLoss)> TrainByHand(nn.Module<Tensor, Tensor> model, TorchSharp.Modules.AdamW optimizer, int fromEpoch, LiveChart chart)
{
    var records = new List<(int, double, double)>();
    long totalSteps = (long)epochs * trainLoader.BatchCount;
    for (int epoch = fromEpoch; epoch <= epochs; epoch++)
    {
        model.train();
        double lossSum = 0;
        int batches = 0;
        foreach (var batch in trainLoader.Epoch(epoch))
        {
            using var scope = torch.NewDisposeScope();
            using (batch)
            {
                long step = ((long)(epoch - 1) * trainLoader.BatchCount) + batches;
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = 3e-3 * ScheduleKind.OneCycle.Factor(step, totalSteps, 0.3);
                }

                lossSum += trainStep(model, optimizer, batch.Images, batch.Targets, 5.0);
                batches++;
            }
        }

        double valLoss = validate(model, valBatches);
        records.Add((epoch, lossSum / batches, valLoss));
        chart.Add("train loss", epoch, lossSum / batches);
        chart.Add("validation loss", epoch, valLoss);
        if (epoch == checkpointEpoch)
        {
            handCheckpoint = (takeCheckpoint(model, optimizer, epoch), torch.random.get_rng_state());
        }
    }

    return records;
}

var handClock = System.Diagnostics.Stopwatch.StartNew();
Trainer.Seed(seed);
var handModel = new SmallCnn(data.Labels.Count, width: 16, depth: 4);
var handOptimizer = torch.optim.AdamW(handModel.parameters(), 3e-3, weight_decay: 1e-4);
List<(int Epoch, double TrainLoss, double ValLoss)> byHand;
using (var chart = new LiveChart("SmallCnn trained by hand", "epoch", "mean BCE").Show())
{
    byHand = TrainByHand(handModel, handOptimizer, 1, chart);
}

Console.WriteLine($"{epochs} epochs by hand in {handClock.Elapsed.TotalSeconds:F1} s; " +
                  $"epoch {epochs}: train loss {byHand[^1].TrainLoss:F4}, validation loss {byHand[^1].ValLoss:F4}");

// Measured on a 2-core AMD EPYC CPU (not in fast mode, 2026-12, three runs of the notebook on a machine shared with other
// work): 2,000 generated images, 1,398 for training (43 batches of 32) and 307 for validation; the 6 epochs by hand took
// 27.7 s in the quietest run (40 s and 122 s in the busier ones), and at epoch 6 the training loss was 0.313, the
// validation loss 0.335, in all three runs (same seed, same machine).
//
// ## 7. Interrupt, resume, and get the same run
//
// Pretend the run died after epoch 2. A fresh process would build a fresh model and optimizer (with other random
// weights), restore the checkpoint into them, put the random generator back, and continue with epoch 3. Data order and
// learning rate follow from the epoch and step, so nothing else is needed:

// ---- cell 9 ----
torch.manual_seed(12345);   // a different start, as a new process would have
var resumedModel = new SmallCnn(data.Labels.Count, width: 16, depth: 4);
var resumedOptimizer = torch.optim.AdamW(resumedModel.parameters(), 3e-3, weight_decay: 1e-4);
int restoredEpoch = handCheckpoint!.Value.Restore(resumedModel, resumedOptimizer);
torch.random.set_rng_state(handCheckpoint.Value.Rng);
List<(int Epoch, double TrainLoss, double ValLoss)> resumed;
using (var chart = new LiveChart($"Resumed after epoch {restoredEpoch}", "epoch", "mean BCE").Show())
{
    resumed = TrainByHand(resumedModel, resumedOptimizer, restoredEpoch + 1, chart);
}

var resumeTable = new Table(["epoch", "train loss, uninterrupted", "train loss, resumed", "val loss, uninterrupted", "val loss, resumed"], "Uninterrupted vs resumed");
foreach (var r in resumed)
{
    var u = byHand.Single(h => h.Epoch == r.Epoch);
    resumeTable.AddRow(r.Epoch.ToString(), u.TrainLoss.ToString("F6"), r.TrainLoss.ToString("F6"), u.ValLoss.ToString("F6"), r.ValLoss.ToString("F6"));
}

Display.Show(resumeTable);
double largestGap = resumed.Max(r => Math.Abs(r.ValLoss - byHand.Single(h => h.Epoch == r.Epoch).ValLoss));
Console.WriteLine($"resumed from epoch {restoredEpoch}: largest difference of the validation loss from the uninterrupted run {largestGap:G3}");

// On the CPU the resumed run repeats the uninterrupted one: the same operations on the same numbers in the same
// order (measured: epochs 3 to 6 give the same losses to the last printed digit; largest difference 0). Forget the
// optimizer's state, or the generator's, and the numbers drift apart from epoch 3 on: try it by skipping
// `set_rng_state`. ( On a GPU, some kernels add in a different order from run to run, so expect agreement to a
// few decimals there, not bit for bit.)
//
// ## 8. The library's `Trainer` runs the same loop
//
// [Trainer.cs](../lib/MultiLabel/Training/Trainer.cs) is this loop, with its options in a record
// ([TrainerOptions.cs](../lib/MultiLabel/Training/TrainerOptions.cs): AdamW at 3e-3 with weight decay 1e-4, one-cycle,
// clipping at norm 5, by default) and every extra as a **callback** with an order: the schedule (−100), clipping (50),
// keeping the best epoch's weights (100), early stopping (200) and, with a run folder, the checkpoint (1000, last, so
// that it holds what the others decided). `TrainBatch` reads almost like your step:
// `model.call`, `loss.call`, `backward`, the callbacks' `BeforeStep` (clipping), `optimizer.step()`, `zero_grad()`.
// Validation ([Trainer.Evaluation.cs](../lib/MultiLabel/Training/Trainer.Evaluation.cs)) is your `Validate`, plus
// streaming metrics. Same seed, same data, same loaders:

// ---- cell 10 ----
var libraryClock = System.Diagnostics.Stopwatch.StartNew();
Trainer.Seed(seed);
var libraryModel = new SmallCnn(data.Labels.Count, width: 16, depth: 4);
var trainer = new Trainer(libraryModel, new TrainerOptions(Epochs: epochs, Seed: seed, Device: "cpu"));
Console.WriteLine($"callbacks, in the order they run: {string.Join(", ", trainer.Callbacks.Select(c => $"{c.GetType().Name} ({c.Order})"))}");
using (TrainingChart.Follow(trainer, "SmallCnn trained by the library's Trainer"))
{
    trainer.Fit(trainLoader, valLoader);
}

double largestTrainerGap = trainer.History.Max(r => Math.Abs(r.ValLoss - byHand.Single(h => h.Epoch == r.Epoch).ValLoss));
Console.WriteLine($"{epochs} epochs with the Trainer in {libraryClock.Elapsed.TotalSeconds:F1} s; epoch {epochs}: train loss {trainer.History[^1].TrainLoss:F4}, " +
                  $"validation loss {trainer.History[^1].ValLoss:F4}, micro-F1 {trainer.History[^1].ValF1Micro:F3}; " +
                  $"largest difference of the validation loss from your loop {largestTrainerGap:G3}");
trainer.Dispose();
libraryModel.Dispose();

// The Trainer's loss is the library's BceLoss: the same function, computed through log-sigmoid. How far apart are the
// two on the same logits?
var someLogits = torch.randn(new long[] { 256, 6 }, generator: new torch.Generator(7)) * 4;
var someTargets = (torch.rand(new long[] { 256, 6 }, generator: new torch.Generator(8)) < 0.3).to(ScalarType.Float32);
var libraryLoss = new MultiLabel.Losses.BceLoss();
var viaLibrary = someLogits.clone().requires_grad_(true);
var viaTorch = someLogits.clone().requires_grad_(true);
var libraryValue = libraryLoss.call(viaLibrary, someTargets);
var torchValue = nn.functional.binary_cross_entropy_with_logits(viaTorch, someTargets);
libraryValue.backward();
torchValue.backward();
Console.WriteLine($"BceLoss vs binary_cross_entropy_with_logits on the same 256 x 6 logits: losses differ by {Math.Abs(libraryValue.item<float>() - torchValue.item<float>()):G2}, " +
                  $"gradients by up to {(viaLibrary.grad! - viaTorch.grad!).abs().max().item<float>():G2} (the gradients themselves are about {viaTorch.grad!.abs().mean().item<float>():G2})");
libraryLoss.Dispose();

// Measured (not in fast mode): the Trainer took 32.2 s for the 6 epochs (159 s and 198 s in the busier runs) and ended at
// validation loss 0.347 (micro-F1 0.680); your loop ended at 0.335. Close, and not equal: the largest gap over the 6
// epochs was 0.063. The loop is the
// same; the loss is not computed the same way. The Trainer's [BceLoss](../lib/MultiLabel/Losses/BceLoss.cs) computes
// the same function through log-sigmoid; on the same logits it gives the same loss value, but autograd reaches its
// gradient through other operations, which round differently in the last bits (the cell's last line). Training
// amplifies such differences: AdamW divides each step by the root of the squared gradients, which magnifies tiny ones,
// and after a few hundred steps two runs that differ in rounding follow different, equally good
// paths (in fast mode, 12 steps, they still agree to about 1e-5). Bit-for-bit equality needs exactly the same
// operations, which is what a resumed run has (sections 7 and 11). Seeds make a run repeatable on one machine; they do
// not make two slightly different programs agree.
//
// ## 9. Training on a GPU
//
// Everything above ran on the CPU. On an NVIDIA GPU (setup.csx loads a CUDA build of TorchSharp when `TorchBackend`
// says so; see [README](README.md)) the same code runs faster once the tensors live on the GPU:
//
// - **choose the device once**: `TorchRuntime.ResolveDevice("auto")` is CUDA when `torch.cuda.is_available()`, else
//   the CPU (`mlc train --device`, `TrainerOptions.Device`);
// - **move the model once, before building the optimizer**: `model.to(device)` (the optimizer then holds the GPU
//   parameters); the loss too when it has tensors of its own (positive weights; the library's losses keep them as
//   buffers so that `.to` moves them);
// - **move each batch**: `images.to(device)`, `targets.to(device)` inside the loop: that is the only traffic per step;
// - **what must not happen per step**: moving the model or the optimizer, rebuilding them, or reading a value back
//   (`item()`, `.cpu()`, `data<float>()`) more than needed: each read waits for the GPU to finish, which stalls the
//   pipeline. (The `Trainer` reads the loss once per batch for its progress events; reading it every 10 batches would
//   be cheaper still.)
//
// Timing a GPU needs care: calls return before the GPU has done the work, so a timer must wait for it
// (`torch.cuda.synchronize()`), and the first calls pay for kernel selection and memory allocation, so warm up first.
// [StepTiming.cs](../lib/MultiLabel/Training/StepTiming.cs) does both and reports the median of several runs:

// ---- cell 11 ----

var device = TorchRuntime.ResolveDevice("auto");
Console.WriteLine($"device chosen by \"auto\": {device}; CUDA available: {torch.cuda.is_available()}");

StepTime TimeTrainingStep(Device on)
{
    Trainer.Seed(seed);
    var model = new SmallCnn(data.Labels.Count, width: 16, depth: 4).to(on);
    var optimizer = torch.optim.AdamW(model.parameters(), 3e-3);
    using var batch = trainLoader.MakeBatch(1, 0);
    var images = batch.Images.to(on);
    var batchTargets = batch.Targets.to(on);
    model.train();
    return StepTiming.Measure(() => trainStep(model, optimizer, images, batchTargets, 5.0), on, warmup: 3, runs: FastMode.Choose(15, 5));
}

var cpuStep = TimeTrainingStep(torch.CPU);
Console.WriteLine($"CPU ({Environment.ProcessorCount} logical cores): one training step on a batch of {batchSize} images 32 x 32: {cpuStep}");
if (torch.cuda.is_available())
{
    var gpuStep = TimeTrainingStep(torch.CUDA);
    Console.WriteLine($"GPU: the same step: {gpuStep}; {cpuStep.MedianMilliseconds / gpuStep.MedianMilliseconds:F1} times faster than this CPU");
}
else
{
    Console.WriteLine("GPU: none here (this kernel loaded the CPU build of TorchSharp, or no NVIDIA driver answered), so no GPU time was measured. " +
                      "With TorchBackend=cuda-linux or cuda-windows and a GPU, this cell times the same step there.");
}

// Measured on the 2-core AMD EPYC (not in fast mode): 144.6 ms per step (median of 15 runs, 106.9 to 230.9 ms; 186 ms and
// 387 ms in the busier runs: a shared machine is why the median, not the mean, is reported, and why a timing always says where
// and when it was taken), and no GPU, so no GPU figure: this course's CI has none, and the cell says so rather than
// print a number it did not measure. On a GPU, mind that a
// batch of 32 images of 32 x 32 is little work per operation, so launch overheads weigh; compare with larger images
// and batches before concluding.
//
// ## 10. Mixed precision: float16, bfloat16, and why weights stay float32
//
// A float32 has 1 sign bit, 8 exponent bits and 23 mantissa bits (about 7 decimal digits, range up to 3e38).
// Two 16-bit formats halve the memory and, on hardware that computes in them, multiply the speed:
//
// | format | exponent bits | mantissa bits | largest value | smallest step near 1 |
// |---|---|---|---|---|
// | float32 | 8 | 23 | 3.4e38 | 1.2e-7 |
// | float16 | 5 | 10 | 65,504 | 9.8e-4 |
// | bfloat16 | 8 | 7 | 3.4e38 | 7.8e-3 |
//
// float16 keeps more digits but overflows above 65,504 and rounds small gradients to 0 (hence "loss scaling": multiply
// the loss before backward, divide the gradients after); bfloat16 has float32's range, so no scaling, but only 2 to 3
// digits. Either way, **mixed** precision computes the forward and backward passes in 16 bits and keeps the **master
// weights, the optimizer's state and the loss in float32**: an update is often far smaller than the weight it changes,
// and 16 bits cannot hold the difference:

// ---- cell 12 ----
float Round(float value, ScalarType type) => torch.tensor(value).to(type).to(ScalarType.Float32).item<float>();
Console.WriteLine($"70000 in float16: {Round(70000f, ScalarType.Float16)}; 1e-8 in float16: {Round(1e-8f, ScalarType.Float16)}; 1.001 in bfloat16: {Round(1.001f, ScalarType.BFloat16)}");

var weight16 = torch.ones(1, dtype: ScalarType.BFloat16);
var weight32 = torch.ones(1);
for (int i = 0; i < 1000; i++)
{
    weight16.add_(1e-4);   // an update of lr x gradient = 1e-4, 1000 times
    weight32.add_(1e-4);
}

Console.WriteLine($"1 + 1000 updates of 1e-4: bfloat16 weight {weight16.to(ScalarType.Float32).item<float>():F4}, float32 weight {weight32.item<float>():F4}");

// TorchSharp 0.107 has no `autocast` or `GradScaler` (PyTorch's automatic mixed precision), so the library does it by
// hand, in [MixedPrecision.cs](../lib/MultiLabel/Training/MixedPrecision.cs): the model the optimizer updates (the
// **master**) stays float32, and a second copy of it (the **replica**) computes the forward and backward passes in
// bfloat16, with its batch-norm layers (and their running statistics) kept in float32. Each step casts the master's
// weights into the replica, hands float32 logits to the loss, and after `backward` adds the replica's gradients to the
// master's in float32 (divided by the loss scale for float16, which
// [LossScaler.cs](../lib/MultiLabel/Training/LossScaler.cs) halves on an overflow and raises after good steps).
// Checkpoints, validation and prediction only ever see the float32 master, so they work in every precision. The trainer
// does this with `new TrainerOptions { Precision = PrecisionKind.Bf16 }` plus a function that builds the replica, a
// recipe with `Precision = "bf16"`, the CLI with `mlc train --precision bf16`; `auto`
// ([PrecisionKind.cs](../lib/MultiLabel/Training/PrecisionKind.cs)) picks bfloat16 only where the device computes it
// natively: a CPU with the `avx512_bf16` or `amx_bf16` instructions ([CpuFeatures.cs](../lib/MultiLabel/Runtime/CpuFeatures.cs)),
// or a GPU. Look inside one:

// ---- cell 13 ----
Trainer.Seed(seed);
var master = new SmallCnn(data.Labels.Count, width: 16, depth: 4);
var mixed = new MixedPrecision(master, new SmallCnn(data.Labels.Count, width: 16, depth: 4), ScalarType.BFloat16, torch.CPU);
var dtypeTable = new Table(["parameter", "master (the optimizer's)", "replica (computes)"], "Where each copy keeps its numbers");
foreach (var (m, r) in master.named_parameters().Zip(mixed.Replica.named_parameters()).Where(p => p.First.name.EndsWith("weight")).Take(4))
{
    dtypeTable.AddRow(m.name, m.parameter.dtype.ToString(), r.parameter.dtype.ToString());
}

Display.Show(dtypeTable);
using (var mixedBatch = trainLoader.MakeBatch(1, 0))
{
    master.train();
    var mixedLogits = mixed.Forward(mixedBatch.Images);
    var mixedLoss = nn.functional.binary_cross_entropy_with_logits(mixedLogits, mixedBatch.Targets);
    mixedLoss.backward();
    mixed.MoveGradientsToMaster();
    Console.WriteLine($"logits {mixedLogits.dtype}, loss {mixedLoss.dtype} ({mixedLoss.item<float>():F4}); the master's first gradient: " +
                      $"{master.parameters().First().grad!.dtype}; the replica's after the move: {(mixed.Replica.parameters().First().grad is null ? "none (moved, so the next step starts from zero)" : "still there")}");
}

mixed.Dispose();
master.Dispose();

// How much faster is it? That depends on the hardware, so this cell measures a whole training step (zero_grad,
// forward, loss, backward, AdamW step) of the same model on the same images three ways on this machine: float32, bfloat16
// through the replica, and bfloat16 with the replica's convolutions in the *channels-last* memory layout (the same
// `[N, C, H, W]` tensor stored as NHWC, which oneDNN's convolutions prefer; TorchSharp has no API for it, so
// [ChannelsLast.cs](../lib/MultiLabel/Training/ChannelsLast.cs) builds the strides by a permute, a copy and a permute back):

// ---- cell 14 ----
Console.WriteLine($"CPU: {CpuFeatures.Current}; oneDNN convolutions in this kernel: {(ConvolutionCheck.OneDnnEnabled == false ? "off (the setup cell's check found them faulty here)" : "on")}");
int timingImages = FastMode.Choose(32, 8);
var timingBatch = trainLoader.MakeBatch(1, 0);
var timingInputs = timingBatch.Images.narrow(0, 0, timingImages);
var timingTargets = timingBatch.Targets.narrow(0, 0, timingImages);

StepTime TimeStep(ScalarType? low, bool channelsLast)
{
    Trainer.Seed(seed);
    var model = new SmallCnn(data.Labels.Count, width: 16, depth: 4);
    var replica = low is { } type ? new MixedPrecision(model, new SmallCnn(data.Labels.Count, width: 16, depth: 4), type, torch.CPU, channelsLast) : null;
    var optimizer = torch.optim.AdamW(model.parameters(), 3e-3);
    model.train();
    var time = StepTiming.Measure(() =>
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var logits = replica is null ? model.call(timingInputs) : replica.Forward(timingInputs);
        nn.functional.binary_cross_entropy_with_logits(logits, timingTargets).backward();
        replica?.MoveGradientsToMaster();
        optimizer.step();
    }, torch.CPU, warmup: FastMode.Choose(2, 1), runs: FastMode.Choose(9, 1));
    optimizer.Dispose();
    replica?.Dispose();
    model.Dispose();
    return time;
}

var fp32Step = TimeStep(null, false);
var precisionTable = new Table(["computed in", "one training step", "time / float32 time"], $"SmallCnn, a training step on {timingImages} images 32 x 32, on this CPU");
precisionTable.AddRow("float32", fp32Step.ToString(), "1.00");
foreach (var (name, channelsLast) in new[] { ("bfloat16, float32 master weights", false), ("bfloat16 channels-last, float32 master weights", true) })
{
    var step = TimeStep(ScalarType.BFloat16, channelsLast);
    double ratio = step.MedianMilliseconds / fp32Step.MedianMilliseconds;
    precisionTable.AddRow(name, step.ToString(), ratio.ToString("F2"));
    Console.WriteLine($"{name}: {step.MedianMilliseconds:F1} ms against {fp32Step.MedianMilliseconds:F1} ms in float32: {(ratio < 1 ? $"{1 / ratio:F1} times faster" : $"{ratio:F1} times slower")}");
}

Display.Show(precisionTable);
timingBatch.Dispose();

// The answer depends on two things, and this cell prints both: the CPU's bfloat16 instructions, and whether oneDNN
// (libtorch's fast CPU kernels, where the fast bfloat16 convolutions live) is on in this kernel. On the 2-core AMD EPYC
// this course is built on, the setup cell's check finds oneDNN's convolution gradients wrong for some channel counts
// and turns oneDNN off for the whole kernel (see DEVELOPERS.md), so here bfloat16 takes libtorch's generic kernels,
// which convert every number to float32 and back: an earlier version of this cell measured a whole-model bfloat16
// pass 5.3 times *slower* than float32 in this kernel. The command line keeps oneDNN on for models whose channel counts
// are safe, such as this 16-wide SmallCnn, and there the same machine measured the other way round:
// `mlc bench precision` (a training step on 64 images of 64 x 64, median of 7 rounds, 2026-12-04, on an otherwise
// idle machine) took 322.8 ms in float32, 256.8 ms in float32 channels-last (1.26x), 79.5 ms in bfloat16 with float32
// master weights (4.06x) and 44.5 ms in bfloat16 channels-last (7.25x faster). That is why the trainer's bfloat16
// replica uses channels-last for convolutional models. Measure on your own hardware before switching precision: the
// flag alone is not enough, and on a GPU with bfloat16 units is where mixed precision usually pays.
//
// ## 11. Early stopping, checkpoints on disk, and resuming a real run
//
// The library's run pipeline ([TrainingRun.cs](../lib/MultiLabel/Training/TrainingRun.cs), what `mlc train` calls)
// writes a run folder: `config.json` (the [recipe](../lib/MultiLabel/Training/TrainingRecipe.cs)), after every epoch
// `checkpoint.bin` ([Checkpoint.cs](../lib/MultiLabel/Training/Checkpoint.cs): the training state as JSON, the model,
// AdamW's state, written atomically so a crash mid-write keeps the previous one), `model.bin` (the best epoch's weights)
// and the history. The checkpoint also holds the random generator and each callback's state (early stopping's counter,
// the best score so far), which is what [Trainer.State.cs](../lib/MultiLabel/Training/Trainer.State.cs) restores.
//
// **Early stopping** ([EarlyStopping](../lib/MultiLabel/Training/Callbacks/EarlyStopping.cs), `Patience` in the recipe,
// `mlc train --patience`) ends a run when the monitored validation metric has not improved for that many epochs, and
// the best weights are put back.
//
// To interrupt a run on purpose, a callback of our own asks the trainer to stop after epoch 2, as a crash or Ctrl+C
// would leave it (the checkpoint of that epoch is on disk). `TrainingRun.Resume(folder)` reads the recipe and the
// checkpoint and continues; a second, uninterrupted run of the same recipe is the reference:

// ---- cell 15 ----
// (notebook only) #r "nuget: TorchSharp.PyBridge, 1.4.4"

var recipe = new TrainingRecipe { Count = FastMode.Choose(2000, 160), ImageSize = 32, BatchSize = batchSize, Epochs = epochs, Patience = 3, Seed = seed };
var runsFolder = Path.Combine(Path.GetTempPath(), $"mlc-lesson07-{Environment.ProcessId}");
var runClock = System.Diagnostics.Stopwatch.StartNew();
TrainingRunResult uninterrupted;
using (var run = TrainingRun.Start(recipe, Path.Combine(runsFolder, "uninterrupted")))
{
    run.Fit();
    uninterrupted = run.Evaluate();
}

using (var run = TrainingRun.Start(recipe, Path.Combine(runsFolder, "interrupted"), callbacks: [new InterruptAfter(2)]))
{
    run.Fit();
    Console.WriteLine($"interrupted run: stopped after epoch {run.Trainer.CompletedEpochs}; its folder holds " +
                      string.Join(", ", Directory.GetFiles(run.Folder!.Path).Select(Path.GetFileName).Order()));
}

TrainingRunResult resumedResult;
IReadOnlyList<EpochRecord> resumedHistory;
using (var run = TrainingRun.Resume(Path.Combine(runsFolder, "interrupted")))
{
    Console.WriteLine($"resumed from the checkpoint of epoch {run.ResumedState!.CompletedEpochs}: {run.ResumedState.History.Count} epochs of history, optimizer step {run.ResumedState.Step}");
    run.Fit();
    resumedResult = run.Evaluate();
    resumedHistory = run.Trainer.History;
}

Console.WriteLine($"three runs in {runClock.Elapsed.TotalSeconds:F0} s; uninterrupted: {uninterrupted.Summary.Epochs} epochs, best epoch {uninterrupted.BestEpoch}, " +
                  $"test micro-F1 {uninterrupted.Test.F1Micro:F4}; interrupted and resumed: {resumedResult.Summary.Epochs} epochs, best epoch {resumedResult.BestEpoch}, " +
                  $"test micro-F1 {resumedResult.Test.F1Micro:F4}");
Console.WriteLine($"same test micro-F1: {uninterrupted.Test.F1Micro == resumedResult.Test.F1Micro}; " +
                  $"early stopping {(uninterrupted.Summary.Epochs < epochs ? $"ended the run after epoch {uninterrupted.Summary.Epochs}" : $"did not trigger within {epochs} epochs (patience {recipe.Patience})")}");
Directory.Delete(runsFolder, recursive: true);

// Measured (not in fast mode): the three runs took 68 s (100 s and 164 s in the busier runs). Early stopping did not trigger: the
// best validation micro-F1 came at the last epoch, 6, so patience 3 never ran out; the interrupted run stopped after
// epoch 2 with
// checkpoint.bin, model.bin and the history on disk, resumed at optimizer step 86 (2 x 43 batches), and ended with the
// same best epoch and the same test micro-F1, 0.6696, as the run that was never interrupted.
//
// To see early stopping act, a run that cannot keep improving: 600 of the images, a constant learning rate ten times
// too high (3e-2), the validation loss as the monitored metric, patience 2, up to 15 epochs:

// ---- cell 16 ----
var impatient = recipe with { Count = FastMode.Choose(600, 160), LearningRate = 3e-2, Schedule = "constant", Monitor = "loss", Patience = 2, Epochs = FastMode.Choose(15, 3) };
using (var run = TrainingRun.Start(impatient))   // no folder: kept in memory
{
    EarlyStopped stopped = null;
    run.Trainer.EarlyStopped += (_, e) => stopped = e;
    using (TrainingChart.Follow(run.Trainer, "lr 3e-2, patience 2 on the validation loss"))
    {
        run.Fit();
    }

    Console.WriteLine(stopped is { } e
        ? $"early stopping ended the run after epoch {e.Epoch} of {impatient.Epochs}: best validation loss {e.BestValue:F4} at epoch {e.BestEpoch}, then {e.Epoch - e.BestEpoch} epochs without improvement; the model holds epoch {run.Trainer.BestEpoch}'s weights"
        : $"early stopping did not trigger within {impatient.Epochs} epochs");
}

// Measured (not in fast mode): the validation loss was lowest at epoch 4 (0.5149); after two epochs without
// improvement the run ended after epoch 6 of the 15 planned, and the model holds the weights of epoch 4 (the best
// weights follow the same monitored metric). Patience trades time against the risk of stopping in a dip that the
// schedule would have climbed out of: with a falling learning rate, improvements often come late.
//
// The CLI does the same: `mlc train --out runs/a` writes the folder, Ctrl+C leaves the last checkpoint, and
// `mlc train --resume runs/a` continues it.
//
// ## Summary
//
// - Multi-label: one sigmoid and one BCE per label (`binary_cross_entropy_with_logits`). Softmax cross-entropy makes
//   labels compete (two present labels get at most 0.5 each, the loss never goes below ln 2) and cannot express "no
//   label". `binary_cross_entropy` wants probabilities: raw logits are an error, and sigmoid-then-BCE saturates (loss 100
//   instead of 30, gradient 0 instead of 1 at logit 30).
// - AdamW: per-parameter running means of gradients and squared gradients (state a checkpoint must keep), decoupled
//   weight decay. One-cycle: warm up to the peak, then anneal along a cosine; a pure function of the step.
// - The step: `zero_grad`, forward, loss, `backward`, clip, `step`; the loop: a dispose scope per batch.
// - Validation: `eval()`, `no_grad()`, mean over images (weight batches by size); `train()` again before training.
// - Checkpoint: weights, optimizer state, position, generator, callbacks' state, all *copied*; a resumed run on the
//   CPU ends exactly as the uninterrupted one. The library's `Trainer` is the same loop with callbacks.
// - GPU: choose the device once, move the model (and the loss's tensors) once before building the optimizer, move each
//   batch, read values back rarely, synchronise before reading a timer.
// - Mixed precision: float16 (small range, loss scaling) or bfloat16 (float32's range, few digits) for the passes,
//   float32 for master weights, optimizer state and loss; TorchSharp has no autocast, so the library keeps a float32
//   master and a bfloat16 replica (`--precision bf16`, or `auto`); bfloat16 pays only on hardware that computes in it.
//
// ## Questionnaire
//
// 1. An image carries circle and star. What is the smallest softmax cross-entropy (with the target spread over both)
//    any model can reach on it, and what is the largest probability each label can get?
// 2. Why does `binary_cross_entropy(sigmoid(z), y)` give a zero gradient for z = 30 and y = 0, and what does that do to
//    training?
// 3. A training step calls `optimizer.step()` and then `clip_grad_norm_`. What does clipping achieve there?
// 4. Your validation loss changes when you run the same validation twice. Which switch did you forget?
// 5. A validation set of 300 images in batches of 256: by how much does the mean of the two batch means over-weight
//    the last 44 images?
// 6. A checkpoint kept `model.state_dict()` in a dictionary after epoch 2. What does it hold after epoch 5, and how do
//    you fix it?
// 7. A run resumed from a checkpoint without the optimizer's state. What differs in the first steps after the resume?
// 8. Inside the training loop a line calls `model.to(device)` and another prints `loss.item()` after every batch. Which
//    of the two costs something on a GPU, and why?
// 9. Why are master weights kept in float32 when the forward and backward passes run in bfloat16?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. ln 2 = 0.693, at logits that are equal for the two labels and far lower for the rest; each of the two then gets
//    probability 0.5 at best: never a confident yes, and a coin toss at the usual threshold.
// 2. The float32 sigmoid of 30 is exactly 1, log(1 − 1) is −∞, the loss is clamped at 100, and a clamp has slope 0:
//    a confidently wrong label stops getting any gradient, so the model cannot correct it.
// 3. Nothing for this step: the step already used the unclipped gradients (and `zero_grad` will clear them). Clip after
//    `backward`, before `step`.
// 4. `model.eval()`: in training mode dropout drops random values (and BatchNorm uses, and updates, batch statistics).
// 5. Each of the 44 images counts 1/88 instead of 1/300, about 3.4 times too much (and each of the 256 counts 1/512
//    instead of 1/300).
// 6. The weights of epoch 5: the dictionary holds references to the live parameters. Copy them (`clone()`), or write
//    them out (`save` to a file or a stream) when the checkpoint is taken.
// 7. AdamW restarts with empty running means and a step count of 0: its first steps have a different size and
//    direction (bias correction, no momentum), so the run drifts away from the uninterrupted one.
// 8. `loss.item()`: it waits for the GPU to finish every step before the CPU can queue the next. `model.to(device)` on a
//    model already there does nothing, but it belongs before the loop (and before the optimizer is built).
// 9. Updates are far smaller than the weights: bfloat16 cannot represent 1 + 1e-4 (the step near 1 is 0.0078), so the
//    updates would be rounded away; the float32 copy accumulates them.
// </details>
//
// ## Further research
//
// Extend the hand-written loop of section 6 with **gradient accumulation**: step the optimizer only every k batches, so
// that k batches of 32 act as one of 32 · k (divide each loss by k; scale the schedule's step count by k). Does the
// validation loss after 6 epochs match the library's `--accumulate k` (the
// [GradientAccumulation](../lib/MultiLabel/Training/Callbacks/GradientAccumulation.cs) callback) with the same k? Why
// does it not match a true batch of 32 · k exactly for SmallCnn (hint: what does BatchNorm see)? On a GPU, time both.

// ---- cell 17 ----
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("07"));

// ---- the types the cells declare (C# wants them after the top-level statements) ----

// from cell 15
sealed class InterruptAfter(int epoch) : TrainerCallback
{
    public override void AfterEpoch(TrainingContext context)
    {
        if (context.Epoch == epoch)
        {
            context.RequestStop($"interrupted on purpose after epoch {epoch}");
        }
    }
}
