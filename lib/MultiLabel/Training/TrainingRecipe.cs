using System.Globalization;
using MultiLabel.Data;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Registries;

namespace MultiLabel.Training;

/// <summary>
/// Everything that defines a training run and makes it repeatable: data, augmentation, model, loss, optimiser,
/// schedule, stopping rule, seed. <see cref="TrainingRun"/> runs it; the run folder keeps it as config.json
/// (<see cref="RunDirectory.WriteRecipe"/>), so <c>--resume</c>, <c>mlc predict</c> and <see cref="TrainedRun"/>
/// rebuild the same run. The defaults are <c>mlc train</c>'s: <c>new TrainingRecipe()</c> is the default run.
/// Where the run happens (device, loader threads, cache) is not part of it: see <see cref="MachineOptions"/>.
/// Names (data, augment, model, loss, schedule, monitor) are entries of the registries
/// (<see cref="DatasetCatalog.Datasets"/>, <see cref="AugmentationCatalog.Augmentations"/>,
/// <see cref="ModelCatalog.Models"/>, <see cref="LossCatalog.Losses"/>, <see cref="ScheduleKind.All"/>,
/// <see cref="MonitorMetric.All"/>).
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed record TrainingRecipe
{
    /// <summary>Default <see cref="Epochs"/>.</summary>
    public const int DefaultEpochs = 20;

    /// <summary>Default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Default <see cref="LearningRate"/>.</summary>
    public const double DefaultLearningRate = 3e-3;

    /// <summary>Default <see cref="WeightDecay"/>.</summary>
    public const double DefaultWeightDecay = 1e-4;

    /// <summary>Default <see cref="ClipGrad"/>.</summary>
    public const double DefaultClipGrad = 5.0;

    /// <summary>Default <see cref="Width"/>.</summary>
    public const int DefaultWidth = 16;

    /// <summary>Default <see cref="Depth"/>.</summary>
    public const int DefaultDepth = 4;

    /// <summary>Default <see cref="Dropout"/>.</summary>
    public const double DefaultDropout = 0.2;

    /// <summary>The dataset: shapes (embedded), mnist-multi, voc2007 or folder.</summary>
    public string Data { get; init; } = "shapes";

    /// <summary>The dataset's folder (see <see cref="DataSourceOptions.Directory"/>); null: the shipped or cached one.</summary>
    public string? DataDir { get; init; }

    /// <summary>folder: the label CSV (default: labels.csv in <see cref="DataDir"/>).</summary>
    public string? Labels { get; init; }

    /// <summary>shapes: generate this many images in memory; mnist-multi: images over all splits.</summary>
    public int? Count { get; init; }

    /// <summary>shapes: generated size; mnist-multi: canvas; voc2007, folder: resize to this size.</summary>
    public int? ImageSize { get; init; }

    /// <summary>What to do with a missing or corrupt image.</summary>
    public BadImagePolicy OnBadImage { get; init; } = BadImagePolicy.Fail;

    /// <summary>voc2007: ignore objects marked difficult.</summary>
    public bool DropDifficult { get; init; }

    /// <summary>The training augmentation (auto: the dataset's default).</summary>
    public string Augment { get; init; } = "auto";

    /// <summary>The network.</summary>
    public string Model { get; init; } = ModelCatalog.SmallCnn;

    /// <summary>Pretrained weights (.pth, .safetensors or TorchSharp); the classifier head is skipped.</summary>
    public string? Weights { get; init; }

    /// <summary>Train only the classifier head.</summary>
    public bool FreezeBackbone { get; init; }

    /// <summary>The backbone's learning rate is <see cref="LearningRate"/> times this.</summary>
    public double BackboneLrFactor { get; init; } = 1.0;

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Batches whose gradients are added up before one optimizer step (1: a step per batch).</summary>
    public int AccumulationSteps { get; init; } = 1;

    /// <summary>Peak learning rate (AdamW).</summary>
    public double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = DefaultWeightDecay;

    /// <summary>The learning-rate schedule.</summary>
    public string Schedule { get; init; } = ScheduleKind.OneCycle.Name;

    /// <summary>The loss.</summary>
    public string Loss { get; init; } = "bce";

    /// <summary>Weight each label's positives by negatives/positives in the training split.</summary>
    public bool PosWeight { get; init; }

    /// <summary>
    /// Draw each epoch's training images with replacement, each with the weight of its rarest label
    /// (<see cref="WeightedSampler.ForRareLabels"/>), instead of a permutation.
    /// </summary>
    public bool Resample { get; init; }

    /// <summary>Clip the gradient norm to this value; 0 turns clipping off.</summary>
    public double ClipGrad { get; init; } = DefaultClipGrad;

    /// <summary>Stop after this many epochs without improvement of <see cref="Monitor"/>; 0 never stops early.</summary>
    public int Patience { get; init; }

    /// <summary>The validation metric that picks the best epoch and drives <see cref="Patience"/>.</summary>
    public string Monitor { get; init; } = MonitorMetric.ValF1Micro.Name;

    /// <summary>Seed of weights, data order and augmentation: the same seed repeats the run on the same CPU.</summary>
    public long Seed { get; init; }

    /// <summary>Choose each label's threshold on the validation split (best F1) and use them on the test split.</summary>
    public bool TuneThresholds { get; init; }

    /// <summary>
    /// The precision of the forward and backward pass: fp32, bf16, fp16 or auto (see <see cref="PrecisionKind"/>);
    /// master weights, optimizer state, batch-norm statistics and the loss stay float32 in every one.
    /// </summary>
    public string Precision { get; init; } = PrecisionKind.Fp32.Name;

    /// <summary>small-cnn: channels of the first block.</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>small-cnn: convolution blocks.</summary>
    public int Depth { get; init; } = DefaultDepth;

    /// <summary>small-cnn: dropout before the head, in [0, 1).</summary>
    public double Dropout { get; init; } = DefaultDropout;

    /// <summary>Where the data comes from; the cache folder and offline mode are the machine's, not the run's.</summary>
    public DataSourceOptions ToDataSourceOptions(MachineOptions? machine = null) =>
        new(Data.Trim().ToLowerInvariant(), DataDir, Labels, Count, ImageSize, OnBadImage, machine?.CacheDirectory, DropDifficult, machine?.Offline ?? false);

    /// <summary>The network these settings describe.</summary>
    public ModelOptions ToModelOptions() => new(Model, Width, Depth, Dropout);

    /// <summary>Every invalid value, in declaration order (empty when the recipe is valid). Files are not read.</summary>
    public IReadOnlyList<RecipeProblem> Problems()
    {
        var problems = new List<RecipeProblem>();
        void Add(string property, string message) => problems.Add(new RecipeProblem(property, message));
        Unknown(DatasetCatalog.Datasets, Data, nameof(Data), problems);
        if (Count is < 20)
        {
            Add(nameof(Count), $"must be at least 20 (got {Count}).");
        }

        if (ImageSize is < 24 or > 512)
        {
            Add(nameof(ImageSize), $"must be between 24 and 512 (got {ImageSize}).");
        }

        Unknown(AugmentationCatalog.Augmentations, Augment, nameof(Augment), problems);
        Unknown(ModelCatalog.Models, Model, nameof(Model), problems);
        NotNegative(BackboneLrFactor, nameof(BackboneLrFactor), problems);
        AtLeast(1, Epochs, nameof(Epochs), problems);
        AtLeast(1, BatchSize, nameof(BatchSize), problems);
        AtLeast(1, AccumulationSteps, nameof(AccumulationSteps), problems);
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            Add(nameof(LearningRate), $"must be a positive number (got {F(LearningRate)}).");
        }

        NotNegative(WeightDecay, nameof(WeightDecay), problems);
        Unknown(ScheduleKind.All, Schedule, nameof(Schedule), problems);
        Unknown(LossCatalog.Losses, Loss, nameof(Loss), problems);
        NotNegative(ClipGrad, nameof(ClipGrad), problems);
        AtLeast(0, Patience, nameof(Patience), problems);
        Unknown(MonitorMetric.All, Monitor, nameof(Monitor), problems);
        Unknown(PrecisionKind.All, Precision, nameof(Precision), problems);
        AtLeast(1, Width, nameof(Width), problems);
        if (Depth is < 1 or > 6)
        {
            Add(nameof(Depth), $"must be between 1 and 6 (got {Depth}).");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            Add(nameof(Dropout), $"must be in [0, 1) (got {F(Dropout)}).");
        }

        return problems;
    }

    /// <summary>Problems with the files the recipe names (the pretrained weights); a resumed run does not need them.</summary>
    public IReadOnlyList<RecipeProblem> FileProblems() =>
        Weights is not null && !File.Exists(Weights)
            ? [new RecipeProblem(nameof(Weights), $"names no file ('{Weights}' does not exist).")]
            : [];

    /// <summary>The same recipe with every registry name in its canonical spelling (e.g. "onecycle" for "OneCycle").</summary>
    public TrainingRecipe Canonical() => this with
    {
        Data = DatasetCatalog.Datasets.Resolve(Data) ?? Data,
        Augment = AugmentationCatalog.Augmentations.Resolve(Augment) ?? Augment,
        Model = ModelCatalog.Models.Resolve(Model) ?? Model,
        Schedule = ScheduleKind.All.Resolve(Schedule) ?? Schedule,
        Loss = LossCatalog.Losses.Resolve(Loss) ?? Loss,
        Monitor = MonitorMetric.All.Resolve(Monitor) ?? Monitor,
        Precision = PrecisionKind.All.Resolve(Precision) ?? Precision,
    };

    /// <summary>Throws when the recipe is invalid.</summary>
    /// <exception cref="InvalidRecipeException">The first invalid value, named.</exception>
    public void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new InvalidRecipeException(first);
        }
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AtLeast(int minimum, int value, string property, List<RecipeProblem> problems)
    {
        if (value < minimum)
        {
            problems.Add(new RecipeProblem(property, $"must be at least {minimum} (got {value})."));
        }
    }

    private static void NotNegative(double value, string property, List<RecipeProblem> problems)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            problems.Add(new RecipeProblem(property, $"must be a number >= 0 (got {F(value)})."));
        }
    }

    private static void Unknown<TEntry>(Registry<TEntry> registry, string? name, string property, List<RecipeProblem> problems)
        where TEntry : class, IRegistryEntry
    {
        if (!registry.Contains(name))
        {
            problems.Add(new RecipeProblem(property, $"must be {registry.Choices} (got '{name}')."));
        }
    }
}
