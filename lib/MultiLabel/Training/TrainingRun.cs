using System.Diagnostics;
using MultiLabel.Data;
using MultiLabel.Losses;
using MultiLabel.Metrics;
using MultiLabel.Models;
using MultiLabel.Reports;
using MultiLabel.Runtime;
using MultiLabel.Training.Callbacks;
using static TorchSharp.torch;
using DataLoader = MultiLabel.Data.DataLoader;

namespace MultiLabel.Training;

/// <summary>
/// One training run from a <see cref="TrainingRecipe"/>, the call that <c>mlc train</c>, <c>mlc bench train</c> and
/// the lessons all make (fastai's <c>Learner(dls, model, loss, metrics, cbs).fit(n)</c>, with C# types):
/// <code>
/// using var run = TrainingRun.Start(new TrainingRecipe { Epochs = 5 }, "runs/quick");
/// run.Fit();
/// var result = run.Evaluate();   // test metrics, report.html, summary.json
/// </code>
/// <see cref="Start"/> loads the data, builds the loaders, the model (with pretrained weights and a frozen backbone
/// when the recipe says so), the loss and the <see cref="Training.Trainer"/>, and writes config.json; <see cref="Resume"/>
/// continues an interrupted run from its folder. The run folder (<see cref="RunDirectory"/>) ends up exactly as
/// <c>mlc train</c> leaves it; a run without a folder keeps everything in memory.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    /// <summary>Batch size of validation, test and prediction passes.</summary>
    public const int EvaluationBatchSize = 256;

    private readonly Stopwatch clock;
    private readonly MultiLabelLoss loss;

    private TrainingRun(TrainingRecipe recipe, MachineOptions machine, RunDirectory? folder, TrainingState? resumedFrom, IEnumerable<TrainerCallback>? callbacks, Stopwatch clock)
    {
        this.clock = clock;
        Recipe = recipe;
        Machine = machine;
        Folder = folder;
        Trainer.Seed(recipe.Seed);
        Data = LoadData(recipe, machine);
        if (Data.Train.Count < recipe.BatchSize)
        {
            throw new InvalidRecipeException(new RecipeProblem(
                nameof(TrainingRecipe.BatchSize), $"({recipe.BatchSize}) is larger than the training split ({Data.Train.Count} images): lower it, or use more data."));
        }

        TrainLoader = new DataLoader(
            Data.Train, recipe.BatchSize, shuffle: true, seed: recipe.Seed, dropLast: true,
            transform: AugmentationCatalog.TrainTransform(recipe.Augment, Data), workers: machine.Workers,
            sampler: recipe.Resample ? WeightedSampler.ForRareLabels(Data.Train) : null);
        ValidationLoader = EvaluationLoader(Data.Val);
        TestLoader = EvaluationLoader(Data.Test);

        // A resumed run takes every weight from its checkpoint: the pretrained file is not read again.
        Model = BuildModel(resumedFrom is null ? recipe : recipe with { Weights = null }, Data.Labels.Count);
        try
        {
            loss = LossCatalog.Create(recipe.Loss, recipe.PosWeight ? PositiveWeights.FromLabelFrequencies(Data.Train) : null);
            var extra = (callbacks ?? []).ToList();
            if (recipe.AccumulationSteps > 1)
            {
                extra.Add(new GradientAccumulation(recipe.AccumulationSteps));
            }

            int numLabels = Data.Labels.Count;
            Trainer = new Trainer(Model, ToTrainerOptions(recipe, machine), loss, folder, extra, () => BuildModel(recipe with { Weights = null }, numLabels));
            if (folder is not null && resumedFrom is not null)
            {
                ResumedState = Trainer.Resume(folder.FilePath(RunDirectory.CheckpointFile));
            }
        }
        catch (PrecisionUnavailableException ex)
        {
            loss?.Dispose();
            Model.Dispose();
            throw new InvalidRecipeException(new RecipeProblem(nameof(TrainingRecipe.Precision), ex.Message), ex);
        }
        catch
        {
            Trainer?.Dispose();
            loss?.Dispose();
            Model.Dispose();
            throw;
        }
    }

    /// <summary>The recipe.</summary>
    public TrainingRecipe Recipe { get; }

    /// <summary>Where it runs.</summary>
    public MachineOptions Machine { get; }

    /// <summary>The run folder, or null for a run kept in memory.</summary>
    public RunDirectory? Folder { get; }

    /// <summary>The data: three splits and their transforms.</summary>
    public DataSplits Data { get; }

    /// <summary>The training loader (shuffled with the recipe's seed, or resampled; augmented, last partial batch dropped).</summary>
    public DataLoader TrainLoader { get; }

    /// <summary>The validation loader (in order, evaluation transform).</summary>
    public DataLoader ValidationLoader { get; }

    /// <summary>The test loader (in order, evaluation transform).</summary>
    public DataLoader TestLoader { get; }

    /// <summary>The model.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The trainer: its events drive progress bars and charts, its callbacks can be extended before <see cref="Fit"/>.</summary>
    public Trainer Trainer { get; }

    /// <summary>The checkpoint's state when the run was resumed, else null.</summary>
    public TrainingState? ResumedState { get; }

    /// <summary>
    /// Starts a run: validates the recipe and the machine options, writes the recipe to <paramref name="folder"/>
    /// (created; null keeps the run in memory), loads the data and builds everything.
    /// </summary>
    /// <exception cref="InvalidRecipeException">A value of the recipe or machine options is invalid, or the weights do not fit.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public static TrainingRun Start(TrainingRecipe recipe, string? folder = null, MachineOptions? machine = null, IEnumerable<TrainerCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var clock = Stopwatch.StartNew();
        machine ??= new MachineOptions();
        recipe = recipe.Canonical();
        recipe.Validate();
        machine.Validate();
        if (recipe.FileProblems() is [var missing, ..])
        {
            throw new InvalidRecipeException(missing);
        }

        var run = folder is null ? null : RunDirectory.Create(folder);
        run?.WriteRecipe(recipe);
        TorchRuntime.ResolveDevice(machine.Device); // an unavailable device stops here, before the data is loaded
        return new TrainingRun(recipe, machine, run, null, callbacks, clock);
    }

    /// <summary>
    /// Continues the interrupted run in <paramref name="folder"/> with the recipe saved there: <see cref="Fit"/> then
    /// trains from the epoch after its last checkpoint and, on CPU, ends exactly as an uninterrupted run would.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder has no valid recipe or no checkpoint, or the checkpoint does not fit.</exception>
    public static TrainingRun Resume(string folder, MachineOptions? machine = null, IEnumerable<TrainerCallback>? callbacks = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var clock = Stopwatch.StartNew();
        machine ??= new MachineOptions();
        machine.Validate();
        var run = RunDirectory.Create(folder);
        var recipe = run.ReadRecipe();
        if (!run.HasCheckpoint)
        {
            throw new InvalidDataException(
                $"'{run.Path}' has no {RunDirectory.CheckpointFile}: the run stopped before its first epoch finished; start it again.");
        }

        TorchRuntime.ResolveDevice(machine.Device);
        var state = Checkpoint.ReadState(run.FilePath(RunDirectory.CheckpointFile));
        return new TrainingRun(recipe, machine, run, state, callbacks, clock);
    }

    /// <summary>The network a recipe describes, with its pretrained weights and a frozen backbone when asked for.</summary>
    /// <exception cref="InvalidRecipeException">The weights file is missing or does not fit the network.</exception>
    public static nn.Module<Tensor, Tensor> BuildModel(TrainingRecipe recipe, int numLabels)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var model = ModelCatalog.Create(recipe.ToModelOptions(), numLabels);
        try
        {
            if (recipe.Weights is { } weights)
            {
                PretrainedWeights.Load(model, weights);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
        {
            model.Dispose();
            throw new InvalidRecipeException(new RecipeProblem(nameof(TrainingRecipe.Weights), $"cannot be used: {ex.Message}"));
        }

        if (recipe.FreezeBackbone)
        {
            FineTuning.FreezeBackbone(model);
        }

        return model;
    }

    /// <summary>The trainer's options a recipe implies on a machine.</summary>
    public static TrainerOptions ToTrainerOptions(TrainingRecipe recipe, MachineOptions machine)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(machine);
        return new TrainerOptions(
            Epochs: recipe.Epochs, LearningRate: recipe.LearningRate, WeightDecay: recipe.WeightDecay, Seed: recipe.Seed, Device: machine.Device,
            Schedule: ScheduleKind.All.Get(recipe.Schedule), GradientClipNorm: recipe.ClipGrad > 0 ? recipe.ClipGrad : null,
            Monitor: MonitorMetric.All.Get(recipe.Monitor), Patience: recipe.Patience > 0 ? recipe.Patience : null,
            BackboneLearningRateFactor: recipe.BackboneLrFactor) { Precision = PrecisionKind.All.Get(recipe.Precision) };
    }

    /// <summary>Trains (the remaining epochs, after a resume); the best epoch's weights are in the model afterwards.</summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last checkpoint is kept.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the run can be resumed from its last checkpoint.</exception>
    public IReadOnlyList<EpochRecord> Fit(CancellationToken cancellationToken = default) =>
        Trainer.Fit(TrainLoader, ValidationLoader, cancellationToken);

    /// <summary>
    /// Scores the model on the test split (with thresholds tuned on the validation split when the recipe says so),
    /// and with a run folder writes labels.txt, thresholds.json, predictions.csv, thumbnails/, report.html and
    /// summary.json, as <c>mlc train</c> does.
    /// </summary>
    public TrainingRunResult Evaluate()
    {
        Folder?.WriteLabels(Data.Labels.Names);
        using var scope = NewDisposeScope();
        TunedThresholds? tuned = null;
        Thresholds thresholds = Thresholds.Global(Trainer.Options.Threshold);
        if (Recipe.TuneThresholds)
        {
            var (valTargets, valLogits) = Trainer.PredictLogits(ValidationLoader);
            tuned = ThresholdTuning.Tune(valTargets, valLogits, Data.Labels.Names, ScoreKind.Logits);
            Folder?.WriteThresholds(tuned);
            thresholds = tuned.ToPerLabel();
        }

        var (targets, logits) = Trainer.PredictLogits(TestLoader);
        var probabilities = logits.sigmoid();
        var test = MultiLabelMetrics.Evaluate(targets, probabilities, Data.Test.Labels.Names, thresholds);
        string? report = Folder is null
            ? null
            : RunReport.Write(Folder.Path, ReportInput.FromDataset(Data.Test, targets, probabilities, thresholds, "Evaluation report: test split"));
        var summary = new RunSummary(
            new TestMetrics(test.F1Micro, test.F1Macro, test.HammingLoss, test.SubsetAccuracy),
            Math.Round(clock.Elapsed.TotalSeconds, 2), Trainer.Device.ToString(), Trainer.CompletedEpochs, Recipe.Seed,
            Recipe.Model, Data.Name, Data.Labels.Names, Trainer.Options.Threshold);
        Folder?.WriteSummary(summary);
        return new TrainingRunResult(test, thresholds, tuned, summary, Trainer.BestEpoch, report);
    }

    /// <summary>The model's probabilities [N,L] for every image of <paramref name="dataset"/> (evaluation transform), with the targets [N,L].</summary>
    public (Tensor Targets, Tensor Probabilities) Predict(IImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var scope = NewDisposeScope();
        var (targets, logits) = Trainer.PredictLogits(EvaluationLoader(dataset));
        return (targets.MoveToOuterDisposeScope(), logits.sigmoid().MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Trainer.Dispose();
        loss.Dispose();
        Model.Dispose();
    }

    private static DataSplits LoadData(TrainingRecipe recipe, MachineOptions machine)
    {
        try
        {
            return DatasetCatalog.Load(recipe.ToDataSourceOptions(machine));
        }
        catch (ArgumentException ex) when (ex is not InvalidRecipeException)
        {
            throw new InvalidRecipeException(new RecipeProblem(nameof(TrainingRecipe.Data), ex.Message), ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new InvalidRecipeException(new RecipeProblem(nameof(TrainingRecipe.DataDir), $"names no folder: {ex.Message}"), ex);
        }
    }

    private DataLoader EvaluationLoader(IImageDataset dataset) =>
        new(dataset, EvaluationBatchSize, shuffle: false, transform: Data.EvalTransform, workers: Machine.Workers);
}
