using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiLabel.Notebooks.Tests.Support;
using MultiLabel.Tests.Support;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MultiLabel.Notebooks.Tests;

/// <summary>
/// Runs every lesson in-process (CPU, fast mode), twice: as committed (the released form: exercises still throw
/// NotImplementedException) and with the model solutions filled in between the solution markers.
/// </summary>
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    static NotebookExecutionTests() => NotebookEnvironment.Use();

    public static TheoryData<string> Lessons => [.. NotebookFile.LessonPaths().Select(p => Path.GetFileName(p))];

    /// <summary>Facts a lesson states that its executed cells must show (what the text says is what the code does).</summary>
    private static readonly Dictionary<string, string[]> ShownFacts = new()
    {
        ["00-setup"] = ["How many of the 4,000 shipped images show each shape", "progress file: ", "mlc doctor: ", "libstdc++", "lesson library"],
        ["01-what-is-multilabel"] = ["softmax: 0.604, 0.366, 0.030", "circle 1296 (46.4 %)", "star 116 (4.2 %); imbalance 11.2 : 1", "mean 1.677 labels per image; 219 of 2791 images (7.8 %)",
            "always 'no': Hamming accuracy 72.0 %", "lift off the diagonal: from 0.70 (star given cross) to 0.95 (star given circle); median 0.88"],
        ["02-tensors"] = ["torch.tensor(new float[] { 1, 2 }) Float32", "torch.tensor(new double[] { 1, 2 }) Float64", "torch.tensor(1.5) (no f) Float64",
            "torch.tensor(new int[] { 1, 2 }) Int32", "torch.tensor(3) Int32", "torch.tensor(new long[] { 1, 2 }) Int64", "mat1 and mat2 must have the same dtype",
            "grid[0, 0] = 100 (the view shares memory)", "grid[1, 0] = 4 (a copy)", "g still holds [0, 100, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]",
            "v.sum(0)      = 47 (Byte", "v.sum(zero)   = 304.5"],
        ["03-autograd"] = ["chain rule by hand σ(u)(1 − σ(u))·x = 0.705011", "in place outside no_grad: ExternalException: a leaf Variable that requires grad is being used in an in-place operation",
            "W = W - lr * grad: is_leaf False", "wrong, y = 0 (exact loss 40) 1 Infinity 100 40", "right, y = 1 (exact loss 4e-18) 1 NaN"],
        ["04-nn-modules"] = ["Conv2d(3, 16, 3): 448 parameters", "receptive field of the last feature map: 74 pixels", "cross_entropy(logits, class 0) = 0.2413 = -log softmax(logits)[0] = 0.2413"],
        ["05-data-and-augmentation"] = ["JPEGImages/000005.jpg: 3 boxes -> [chair]", "JPEGImages/000012.jpg: 1 box -> [bottle]; without difficult objects []",
            "space-separated, no vocabulary given: circle cross ring square triangle", "both files give the same targets: True", "labels-typo.csv:4: unknown label 'circel'", "rows where your parser and LabelFile.Read agree: 8 of 8",
            "truncated: the PNG ends before its IEND chunk", "after a horizontal flip the arrow points left", "torchvision RandomHorizontalFlip on the batch, call 1: FFFFFFFF",
            "torchvision RandomHorizontalFlip on the batch, call 2: ........", "library RandomHorizontalFlip per sample, epoch 0: F..FF.FF",
            "your FlipEach in the loader, epoch 1: F..F.FF. (the library's: F..F.FF.)", "train images after Normalize: channel means",
            "stds 1.000, 1.000, 1.000", "Compose of the five steps with the same generator gives the same tensor: True",
            "images [64, 3, 64, 64] Float32, targets [64, 6] Float32", "the first two batches of epoch 1 with 2 workers and with none are identical: True"],
        ["06-models"] = ["MiniResNet: 77,782 parameters (77,392 in the backbone, 390 in the head)", "receptive field: MiniResNet 49 pixels (MiniResNet.ReceptiveField says 49); ResNet-18 435 pixels",
            "torchvision ResNet-18 with the same head size: 11,179,590", "skipped: fc.bias, fc.weight (the new head stays random)", "FreezeAllButHead: 390 of 77,782 parameters trainable",
            "frozen conv1.weight unchanged: True; bn1.running_mean unchanged: False", "phase 2 groups: head: 2 tensors at 0.01; backbone: 27 tensors at 0.001"],
        ["07-training"] = ["two labels: softmax CE 0.6932 (it can never go below ln 2 = 0.6931)", "binary_cross_entropy on raw logits: ExternalException: all elements of input should be between 0 and 1",
            "logit 30, target 0: sigmoid then BCE: loss 100, gradient 0; BCE with logits: loss 30, gradient 1", "70000 in float16: Infinity; 1e-8 in float16: 0; 1.001 in bfloat16: 1",
            "1 + 1000 updates of 1e-4: bfloat16 weight 1.0000, float32 weight 1.1000", "largest difference of the validation loss from the uninterrupted run 0",
            "interrupted run: stopped after epoch 2", "same test micro-F1: True", "no GPU time was measured", "gradients by up to 5.8E-11"],
        ["08-evaluation"] = ["by hand and library agree on every F1: True", "library, square: tp 2, fp 0, fn 0, tn 2; precision 1.000, recall 1.000, F1 1.000",
            "example: micro-F1 0.800, macro-F1 0.600", "Hamming loss by hand: 2 wrong cells of 12 = 0.167; library 0.167", "example: mAP 1.000, LRAP 1.000",
            "always no: micro-F1 0.000", "the same as ThresholdTuning.Tune: True", "optimistic bias of choosing on test: macro-F1 +", "all agree to 1e-6: True"],
        ["09-imbalance"] = ["the same as PositiveWeights.FromLabelFrequencies: True", "0.90 0.1054 0.01 0.001054",
            "with pos_weight circle 0.500, square 0.500, triangle 0.500, cross 0.500, ring 0.500, star 0.500",
            "easy negative: p 0.03, absent 0.0305 2.74E-05 0", "missed positive: p 0.1, present 2.3 1.87 2.3",
            "your probabilities and WeightedSampler.ForRareLabels agree: True"],
        ["10-capstone"] = ["MNIST: the MNIST subset shipped in data/mnist (6,000 + 1,000 real digits", "agree with the dataset's on 168 of 168 training canvases",
            "bug 1, grayscale into a 3-channel network: ArgumentException: Expected 3D (unbatched) or 4D (batched) input with 3 channels to Conv2d.",
            "bug 2, integer class labels as BCE targets: ExternalException: Using a target size ([16]) that is different to the input size ([16, 10])",
            "bug 3, BCELoss on raw outputs: ExternalException: all elements of input should be between 0 and 1", "always no: mean per-label accuracy",
            "; micro-F1 0.000", "identical predictions: False; BatchNorm's running mean changed: True; outputs record a graph: True",
            "identical predictions: True; outputs record a graph: False", "the run loaded back from its folder gives the same probabilities: True; thresholds loaded: True"],
    };

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task Released_notebook_runs_top_to_bottom_and_reports_exercises_not_attempted(string name)
    {
        output.WriteLine(LibraryBuild.EnsureCurrent());
        var run = await NotebookRunner.RunAsync(NotebookFile.Load(RepoPaths.Combine("notebooks", name)));
        output.WriteLine($"{name}: {run.Elapsed.TotalSeconds:F1} s");

        AssertNoFailures(run);
        AssertDisplaysShowed(run);
        var warnings = run.Cells.SelectMany(c => c.Warnings.Select(w => $"{name}, {c.Cell}: {w}")).ToList();
        Assert.True(warnings.Count == 0, "Compiler warnings in the lesson's outputs:\n" + string.Join("\n", warnings));
        foreach (var cell in run.Cells.Where(c => c.Cell.ExerciseId is not null))
        {
            Assert.True(cell.Html.Any(h => h.Contains("data-mlc-check=\"not-attempted\"", StringComparison.Ordinal)),
                $"{name}, {cell.Cell}: the released exercise should report 'not attempted yet'; it showed:\n{string.Join("\n", cell.Html)}");
        }

        // A cell that builds on an exercise falls back to the model answer, and says so.
        foreach (var cell in run.Cells.Where(c => c.SubmittedCode.Contains(".AnswerOrModel(", StringComparison.Ordinal)))
        {
            Assert.Contains(cell.Html, h => h.Contains("Using the model answer of exercise", StringComparison.Ordinal));
        }

        var shown = string.Join("\n", run.Cells.SelectMany(c => c.Html.Select(PlainText).Concat(c.Html).Append(c.Output)));
        foreach (var fact in ShownFacts[run.Notebook.Name])
        {
            Assert.True(shown.Contains(fact, StringComparison.Ordinal), $"{name}: no executed cell shows '{fact}'.");
        }
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task With_the_model_solutions_filled_in_every_check_passes(string name)
    {
        output.WriteLine(LibraryBuild.EnsureCurrent());
        var notebook = NotebookFile.Load(RepoPaths.Combine("notebooks", name));
        var rewriteErrors = new List<string>();
        var run = await NotebookRunner.RunAsync(notebook, async (cell, kernel) =>
        {
            if (cell.ExerciseId is not { } id)
            {
                return cell.Source;
            }

            // The library in the kernel fills the region: the same code a grading project would use.
            var source = Convert.ToBase64String(Encoding.UTF8.GetBytes(cell.Source));
            var errors = await NotebookRunner.SubmitAsync(kernel,
                $"var __mlcFilled = MultiLabel.Exercises.SolutionMarkers.Fill(System.Text.Encoding.UTF8.GetString(System.Convert.FromBase64String(\"{source}\")), " +
                $"MultiLabel.Exercises.ExerciseCatalog.Get(\"{id}\").SolutionCode);\nvar __mlcPoints = MultiLabel.Exercises.ExerciseCatalog.Get(\"{id}\").Points;");
            rewriteErrors.AddRange(errors.Select(e => $"{cell}: {e}"));
            Assert.True(kernel.TryGetValue<string>("__mlcFilled", out var filled), $"{name}, {cell}: could not fill the solution region.");
            Assert.True(kernel.TryGetValue<int>("__mlcPoints", out var points));
            Assert.True(points == cell.Points, $"{name}, {cell}: metadata says {cell.Points} points, the library's exercise {id} {points}.");
            return filled!;
        });
        output.WriteLine($"{name} with solutions: {run.Elapsed.TotalSeconds:F1} s");

        Assert.True(rewriteErrors.Count == 0, string.Join("\n", rewriteErrors));
        AssertNoFailures(run);
        var exercises = run.Cells.Where(c => c.Cell.ExerciseId is not null).ToList();
        Assert.NotEmpty(exercises);
        foreach (var cell in exercises)
        {
            Assert.True(cell.Html.Any(h => h.Contains("data-mlc-check=\"passed\"", StringComparison.Ordinal)),
                $"{name}, {cell.Cell}: the model solution should pass; the cell ran\n{cell.SubmittedCode}\nand showed:\n{string.Join("\n", cell.Html)}");
        }

        // Cells that build on an exercise now use the learner's (here: the model) answer.
        foreach (var cell in run.Cells.Where(c => c.SubmittedCode.Contains(".AnswerOrModel(", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(cell.Html, h => h.Contains("Using the model answer of exercise", StringComparison.Ordinal));
            Assert.Contains(cell.Html, h => h.Contains("Using your answer to exercise", StringComparison.Ordinal));
        }

        // The results are on disk, where a restarted kernel's ExerciseCatalog.Progress reads them.
        using var progress = JsonDocument.Parse(File.ReadAllText(Environment.GetEnvironmentVariable("MLC_PROGRESS_FILE")!));
        var recorded = progress.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("Id").GetString()!, e => e.GetProperty("Status").GetString());
        foreach (var cell in exercises)
        {
            Assert.Equal("passed", recorded[cell.Cell.ExerciseId!]);
        }
    }

    private static string PlainText(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(Regex.Replace(html, "<script.*?</script>", " ", RegexOptions.Singleline), "<[^>]+>", " "), @"\s+", " "));

    private static void AssertNoFailures(NotebookRun run)
    {
        var failures = run.Failures.ToList();
        Assert.True(failures.Count == 0, "Cells failed:\n" + string.Join("\n", failures));
    }

    private static void AssertDisplaysShowed(NotebookRun run)
    {
        var silent = run.Cells.Where(c => c.Cell.Displays && c.Html.Count == 0).Select(c => $"{run.Notebook.Name}, {c.Cell}").ToList();
        Assert.True(silent.Count == 0, "Cells that display something produced no HTML output:\n" + string.Join("\n", silent));
    }
}
