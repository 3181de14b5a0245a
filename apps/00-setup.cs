// Lesson 00-setup as a .NET file-based app, exported by `mlc export-apps` from notebooks/00-setup.ipynb.
// Do not edit it: edit the notebook and export again (a test checks that the two agree).
// Run it from the repository root: dotnet run apps/00-setup.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or
// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in
// apps/output/00-setup/; exercises are checked as in the notebook: edit the solution regions here or there.
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
using MultiLabel.Diagnostics;
using MultiLabel.Data.Analysis;
using MultiLabel.Data.Shapes;

// # 00 · Setup: notebooks, kernels and how to check your work
//
// **Goals.** After this notebook you can
//
// - run the course notebooks in VS Code (Polyglot Notebooks) or Jupyter, and know what the first cell does;
// - read which .NET, TorchSharp and device (CPU or CUDA) you are using, and what TorchSharp needs to find a GPU;
// - say what a kernel is, why the order in which you run cells matters, and when to restart;
// - show charts and tables, and switch fast mode on and off;
// - solve an exercise, check it, climb the hints when you are stuck, and find your progress after a restart.
//
// **Before the first notebook**, build the course library once, from the repository root:
//
// ```bash
// dotnet build lib/MultiLabel -c Release
// ```
//
// Then open this notebook and pick the kernel **.NET (C#)** (`.net-csharp`). In VS Code that is the Polyglot Notebooks
// extension; in Jupyter it is the kernel that `bash scripts/setup.sh --jupyter` installs.

// ## 1. The setup cell
//
// Every lesson starts with the same cell. It runs the file `notebooks/setup.csx`, which
//
// 1. reads which TorchSharp backend you chose: the environment variable `TorchBackend` (`cpu` when it is not set, as
//    here; `cuda-windows` or `cuda-linux` on an NVIDIA GPU), the same switch the build and the command line read,
// 2. loads the pinned NuGet packages (`TorchSharp-cpu` 0.107.0, or the CUDA package of that backend, and
//    SixLabors.ImageSharp),
// 3. loads the course library you built (`../lib/MultiLabel/bin/Release/net10.0/MultiLabel.dll`; a CUDA build lives
//    in `bin/cuda-windows/` or `bin/cuda-linux/`),
// 4. runs `setup-library.csx`: it imports the namespaces the lessons use (`TorchSharp`, `MultiLabel.Viz`,
//    `MultiLabel.Exercises`, ...) and connects the library's display to this notebook, so charts, tables and exercise
//    results appear as HTML.
//
// Run the cell (Shift+Enter). The first run takes a few seconds: NuGet restores the packages. Its last line says which
// backend it loaded.

// ---- cell 1 ----
MultiLabel.Runtime.LessonApp.Start("00-setup");

// ## 2. What are we running on?
//
// The library and TorchSharp are ordinary .NET assemblies loaded into the kernel's process. TorchSharp wraps
// **libtorch**, the C++ core of PyTorch, so a tensor's numbers live in native memory, on the CPU or on a GPU.

// ---- cell 2 ----
var facts = new Table(["what", "value"], "This kernel");
facts.AddRow(".NET", Environment.Version.ToString())
     .AddRow("operating system", System.Runtime.InteropServices.RuntimeInformation.OSDescription)
     .AddRow("processor cores", Environment.ProcessorCount.ToString())
     .AddRow("TorchSharp", typeof(torch).Assembly.GetName().Version!.ToString())
     .AddRow("threads torch uses", torch.get_num_threads().ToString())
     .AddRow("CUDA available", torch.cuda.is_available().ToString())
     .AddRow("fast mode (MLC_FAST)", FastMode.IsEnabled ? "on" : "off");
Display.Show(facts);

// ### Devices
//
// Every tensor lives on one device, and the operands of an operation must live on the same one.
// `TorchRuntime.ResolveDevice("auto")` picks CUDA when `torch.cuda.is_available()` says yes and the CPU otherwise;
// the command line (`mlc train --device auto`) makes the same call.

// ---- cell 3 ----
var device = TorchRuntime.ResolveDevice("auto");
var ones = torch.ones(2, 3, device: device);
Console.WriteLine($"auto picked {device.type}; the tensor lives on {ones.device}");

// **What TorchSharp needs to find a GPU** (read in its loader, `src/TorchSharp/Torch.cs`; not tried on a GPU with
// these notebooks):
//
// - the CUDA build of libtorch: the package `TorchSharp-cuda-linux` or `TorchSharp-cuda-windows` instead of
//   `TorchSharp-cpu` (only the NVIDIA driver is needed besides, not the CUDA toolkit). With `TorchSharp-cpu`, as here,
//   `torch.cuda.is_available()` is always false;
// - one native backend per process: libtorch loads once, so after switching packages you restart the kernel;
// - in scripts and notebooks, TorchSharp's own load-failure message advises calling
//   `torch.InitializeDeviceType(DeviceType.CUDA)` before other use of a CUDA package. `setup.csx` calls
//   `torch.TryInitializeDeviceType(DeviceType.CUDA)`, the variant that returns false instead of throwing.
//
// To try a GPU, set the environment variable `TorchBackend` to `cuda-windows` or `cuda-linux`, build the library with
// the same value (`dotnet build lib/MultiLabel -c Release -p:TorchBackend=cuda-windows`), start VS Code or Jupyter
// again so the kernel sees the variable, and run from the top: nothing in `setup.csx` needs editing. If `auto` still says `cpu` on a machine with a GPU, you have met TorchSharp issue
// #1491 ("CUDA not available in .NET Interactive but available in a console app"): the command line `mlc` is a console
// app.

// ### Checking the whole machine
//
// `mlc doctor` (the command line) checks everything the course needs and prints the fix of every check that fails:
// the operating system, the .NET SDK, the C++ runtime TorchSharp needs (libstdc++ on Linux), TorchSharp and libtorch,
// the backend you chose and the CUDA devices, the notebook kernel, the data cache and the lesson library build. The
// next cell runs the same checks from here: if one says *failed*, do what its fix says before you go on. A *warning*
// (for example, a download you have not made yet) does not stop the course.

// ---- cell 4 ----

var health = Doctor.Run(new DoctorOptions(CourseFolder.Find()));
var checks = new Table(["check", "status", "found", "fix"], $"mlc doctor: {(health.Healthy ? "no check failed" : "a check failed: see its fix")}");
foreach (var check in health.Checks)
{
    checks.AddRow(check.Name, check.Status.ToString().ToLowerInvariant(), check.Detail, check.Fix ?? "");
}

Display.Show(checks);

// ## 3. Cells, kernels and restarts
//
// A notebook is a list of cells; the **kernel** is a separate process that runs them and keeps their state: every
// variable, every loaded assembly. A cell sees what the cells run *before it* defined, in the order you ran them,
// not the order they appear in. Run the next two cells, then run the second one a few more times.

// ---- cell 5 ----
var counter = 0;

// ---- cell 6 ----
counter++;
Console.WriteLine($"counter is {counter}");

// `counter` keeps growing because the kernel keeps its state between cells. This is handy and also the most common
// source of confusion: if a notebook behaves strangely, **restart the kernel and run all cells from the top**.
//
// You must restart in three cases:
//
// - after you edit and rebuild the course library (an assembly cannot be unloaded from a running process);
// - after you switch `TorchBackend` between the CPU and CUDA packages (libtorch loads once per process);
// - when native memory runs out (tensors you did not dispose: lesson 02 explains).
//
// A restart forgets every variable, but not your exercise results: section 6 says where they are kept.

// ## 4. Showing things
//
// The last expression of a cell is displayed. Tensors show as tables with their shape, dtype and device:

// ---- cell 7 ----
MultiLabel.Runtime.LessonApp.Result(() => torch.arange(12).reshape(3, 4));

// `Display.Show(...)` shows a value from anywhere in a cell: charts from `Charts` (line, bar, grouped bar, heatmap,
// histogram, scatter), image grids, tables and tensors. Without a notebook (in a console program) the same call
// prints text and saves charts as HTML pages under `mlc-output/`.
//
// The next chart reads the label file of the dataset that ships with the course (`data/shapes/labels.csv`, no pixels)
// and shows the share of its 4,000 images that show each shape:

// ---- cell 8 ----

var shipped = ShapesFiles.ReadLabels(ShapesLocator.Locate());
var all = DatasetStatistics.BySplit(shipped).Last();   // train, val, test, then "all"
Display.Show(Charts.Bar($"How many of the {all.Images:N0} shipped images show each shape", all.Frequencies.Select(f => f.Label).ToList(),
    all.Frequencies.Select(f => f.Fraction).ToList(), yTitle: "share of images"));

// A `LiveChart` redraws in place while points arrive: lesson 03 uses one for a training loss, lesson 04 follows a
// `Trainer` with a `TrainingChart`.

// ---- cell 9 ----
using (var live = new LiveChart("A live chart", "step", "value").Show())
{
    for (int step = 0; step <= 30; step++)
    {
        live.Add("sin", step, Math.Sin(step / 4.0));
        live.Add("cos", step, Math.Cos(step / 4.0));
        Thread.Sleep(FastMode.Choose(40, 0));
    }
}

// ## 5. Fast mode
//
// Training takes minutes on a CPU. With the environment variable `MLC_FAST=1` the notebooks shrink their data and
// epochs so every notebook runs in seconds; the automated tests and CI use it. Its numbers are not meaningful, so
// leave it off when you study. Notebooks ask `FastMode.Choose(normal, fast)` for every size it shrinks:

// ---- cell 10 ----
int epochs = FastMode.Choose(20, 2);
Console.WriteLine($"fast mode is {(FastMode.IsEnabled ? "on" : "off")}: this notebook would train {epochs} epochs");

// ## 6. Exercises
//
// Exercise cells start with a comment `// EXERCISE id`. You write your code between `// BEGIN SOLUTION` and
// `// END SOLUTION`, replacing `throw new NotImplementedException();`, and run the cell. The last line checks it:
//
// - a **green** box: correct;
// - a **red** box: not yet, with a message that points at the problem without giving the answer away;
// - a **grey** box: "not attempted yet", because the code still throws `NotImplementedException`. The notebook goes
//   on anyway.
//
// A check runs your function on the example that the exercise shows **and** on cases generated from a seed, with
// edge cases (an image without labels, more images than labels, huge logits...), and compares what it does with a model
// answer. The red box names the case that failed ("Case 3 of 6: a target with no label at all"), never the expected
// value. Passing the example alone is not enough.
//
// Stuck? `Hint()` gives a nudge, `Hint(2)` the idea; neither writes the code for you. `Solution()` shows a model answer.
//
// Some exercises build something that a later cell of the lesson uses, for example your sigmoid and your loss train a
// model in lesson 03. Such a cell calls `AnswerOrModel`: it uses your function when it passes its check and the
// model answer otherwise, and says which one in one line, so the lesson runs either way.
//
// A multi-hot target has one entry per label: 1 when the image carries the label, 0 when it does not. Write
// `CountLabels`, which returns how many labels a target vector marks as present.

// ---- cell 11 ----
// EXERCISE 00.1: count the labels in a multi-hot target (1 point)
int CountLabels(float[] target)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson00.CountLabels.Check(CountLabels);

// Hints and the solution work the same way for every exercise:

// ---- cell 12 ----
Lesson00.CountLabels.Hint();

// The other direction: given the label names of the columns, return the names of the labels a target marks as present,
// in column order (`[1, 0, 0, 1]` with names `person, dog, car, tree` gives `person, tree`).

// ---- cell 13 ----
// EXERCISE 00.2: decode a multi-hot target into label names (1 point)
string[] LabelNames(float[] target, string[] names)
{
    // BEGIN SOLUTION
    throw new NotImplementedException();
    // END SOLUTION
}

Lesson00.LabelNames.Check(LabelNames);

// ### Your progress
//
// Every check writes its result to a small JSON file, so your progress survives a kernel restart: by default
// `mlc/progress.json` in your user data folder (`~/.local/share/mlc/` on Linux, `%LOCALAPPDATA%\mlc\` on Windows,
// `~/Library/Application Support/mlc/` on macOS), or the file the environment variable `MLC_PROGRESS_FILE` names. A check
// that finds an exercise not attempted does not erase an earlier result. The table reads that file:

// ---- cell 14 ----
Console.WriteLine($"progress file: {ExerciseProgress.DefaultPath()}");
MultiLabel.Runtime.LessonApp.Result(() => ExerciseCatalog.Progress("00"));

// ## Summary
//
// - The first cell, `#!import setup.csx`, loads the pinned packages and the library; the CPU/CUDA switch is one line
//   in `setup.csx`, and TorchSharp finds a GPU only with a CUDA package (and a driver), after a kernel restart.
// - The kernel keeps state between cells in the order you ran them; restart and run all after rebuilding the library,
//   switching backends or running out of memory.
// - `Display.Show` shows charts, tables, tensors and images; the last expression of a cell is displayed too.
// - `MLC_FAST=1` makes notebooks fast and their numbers meaningless.
// - Exercises: code between the solution markers; `Check` runs the example and generated edge cases against a model
//   answer; `Hint(level)` climbs from a nudge to the idea; `Solution()`; progress lives in a file.
//
// ## Questionnaire
//
// 1. Which file do you change to train on an NVIDIA GPU, and what must you do after changing it?
// 2. You rebuilt the library after changing it, but the notebook still runs the old code. Why, and what do you do?
// 3. Cell B uses a variable defined in cell A, which appears *below* B. When does B work, and when does it fail?
// 4. What does a grey "not attempted yet" box mean, and why does the notebook not stop there?
// 5. Your function returns the right value for the exercise's example, but the check is red. How can that be?
// 6. Why should numbers computed in fast mode not be used to compare two models?
//
// <details>
// <summary>Answers (try first)</summary>
//
// 1. `notebooks/setup.csx`: replace `TorchSharp-cpu` by `TorchSharp-cuda-linux` or `TorchSharp-cuda-windows` (same
//    version), then restart the kernel (libtorch loads once per process) and run the notebook from the top.
// 2. The kernel still holds the old assembly: a loaded assembly cannot be unloaded. Restart the kernel and run all.
// 3. It works when A was run before B (in this kernel session), whatever their positions; it fails after a restart or
//    in "run all", which runs B before A.
// 4. The function still throws `NotImplementedException`: you have not written it yet. Checks never throw, so the
//    notebook goes on; cells that build on an exercise use the model answer instead.
// 5. The check also runs cases generated from a seed, with edge cases; the red box names the case that failed
//    (for example an image without any label).
// 6. Fast mode trains on a handful of tiny images for an epoch or two: the numbers mostly measure noise.
// </details>
//
// ## Further research
//
// Run `ExerciseCatalog.Progress("00")` in a fresh kernel after a restart, then open the progress file it names. What
// does it record for each exercise, and what does it deliberately not record? Why might a grader not trust this file?
