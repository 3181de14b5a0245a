using System.ComponentModel;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// Options of <c>mlc train</c>: a <see cref="TrainingRecipe"/> (each recipe property is the option of the same name)
/// and <see cref="MachineOptions"/>, plus where the run goes (--out), or which run to continue (--resume), or a recipe
/// file to run (--recipe).
/// </summary>
public sealed class TrainSettings : TrainingRunSettings
{
    /// <summary>Network.</summary>
    [CommandOption("--model <NAME>")]
    [RegistryDescription(typeof(ModelCatalog), nameof(ModelCatalog.Models), "Network")]
    public string Model { get; init; } = ModelCatalog.Models.Default.Name;

    /// <summary>Pretrained weights.</summary>
    [CommandOption("--weights <FILE>")]
    [Description("Pretrained weights (.pth, .safetensors or a TorchSharp file); the classifier head is skipped.")]
    public string? Weights { get; init; }

    /// <summary>Freeze the backbone.</summary>
    [CommandOption("--freeze-backbone")]
    [Description("Train only the classifier head.")]
    public bool FreezeBackbone { get; init; }

    /// <summary>Backbone learning-rate factor.</summary>
    [CommandOption("--backbone-lr <FACTOR>")]
    [Description("The backbone's learning rate is --lr times this (e.g. 0.1 when fine-tuning).")]
    [DefaultValue(1.0)]
    public double BackboneLrFactor { get; init; } = 1.0;

    /// <summary>Training epochs.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Passes over the training data.")]
    [DefaultValue(TrainingRecipe.DefaultEpochs)]
    public int Epochs { get; init; } = TrainingRecipe.DefaultEpochs;

    /// <summary>Gradient accumulation.</summary>
    [CommandOption("--accumulate <N>")]
    [Description("Add up the gradients of N batches before each optimizer step (an N times larger effective batch in the memory of one).")]
    [DefaultValue(1)]
    public int AccumulationSteps { get; init; } = 1;

    /// <summary>Peak learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Peak learning rate (AdamW).")]
    [DefaultValue(TrainingRecipe.DefaultLearningRate)]
    public double LearningRate { get; init; } = TrainingRecipe.DefaultLearningRate;

    /// <summary>AdamW weight decay.</summary>
    [CommandOption("--weight-decay <DECAY>")]
    [Description("AdamW's decoupled weight decay.")]
    [DefaultValue(TrainingRecipe.DefaultWeightDecay)]
    public double WeightDecay { get; init; } = TrainingRecipe.DefaultWeightDecay;

    /// <summary>Learning-rate schedule.</summary>
    [CommandOption("--schedule <KIND>")]
    [RegistryDescription(typeof(ScheduleKind), nameof(ScheduleKind.All), "Learning-rate schedule")]
    public string Schedule { get; init; } = ScheduleKind.All.Default.Name;

    /// <summary>Loss.</summary>
    [CommandOption("--loss <KIND>")]
    [RegistryDescription(typeof(LossCatalog), nameof(LossCatalog.Losses), "Loss")]
    public string Loss { get; init; } = LossCatalog.Losses.Default.Name;

    /// <summary>Positive weights from label frequencies.</summary>
    [CommandOption("--pos-weight")]
    [Description("Weight each label's positives by negatives/positives in the training split (rare labels count more).")]
    public bool PosWeight { get; init; }

    /// <summary>Resampling by the rarest label.</summary>
    [CommandOption("--resample")]
    [Description("Draw each epoch's training images with replacement, weighted by their rarest label's inverse frequency (rare labels come up more often).")]
    public bool Resample { get; init; }

    /// <summary>Gradient clipping.</summary>
    [CommandOption("--clip-grad <NORM>")]
    [Description("Clip the gradient norm to this value; 0 turns clipping off.")]
    [DefaultValue(TrainingRecipe.DefaultClipGrad)]
    public double ClipGrad { get; init; } = TrainingRecipe.DefaultClipGrad;

    /// <summary>Early stopping patience.</summary>
    [CommandOption("--patience <N>")]
    [Description("Stop after N epochs without improvement of the --monitor metric; 0 never stops early.")]
    [DefaultValue(0)]
    public int Patience { get; init; }

    /// <summary>The metric that picks the best epoch.</summary>
    [CommandOption("--monitor <METRIC>")]
    [RegistryDescription(typeof(MonitorMetric), nameof(MonitorMetric.All), "Validation metric that picks the best epoch (model.bin) and drives --patience")]
    public string Monitor { get; init; } = MonitorMetric.All.Default.Name;

    /// <summary>Seed of everything random.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of weights, data order and augmentation: the same seed repeats the run on the same CPU.")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    /// <summary>Device name.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description(DeviceOption.Description)]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    /// <summary>Output folder.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Run folder for summary.json, checkpoints and history (default: runs/<timestamp>).")]
    public string? Out { get; init; }

    /// <summary>Run folder to resume.</summary>
    [CommandOption("--resume <DIR>")]
    [Description("Continue the interrupted run in DIR with its saved settings (only --device, --quiet, --workers, --cache-dir and --offline may be given too).")]
    public string? Resume { get; init; }

    /// <summary>Recipe file to run.</summary>
    [CommandOption("--recipe <FILE>")]
    [Description("Train with the settings of a recipe file (a run's config.json, or one a notebook saved); only --out and the machine options may be given too.")]
    public string? RecipeFile { get; init; }

    /// <summary>Per-label threshold tuning.</summary>
    [CommandOption("--tune-thresholds")]
    [Description("Choose each label's threshold on the validation split (best F1) and use them on the test split.")]
    public bool TuneThresholds { get; init; }

    /// <summary>Dropout.</summary>
    [CommandOption("--dropout <RATE>")]
    [Description("small-cnn: dropout before the head, from 0 up to (not including) 1.")]
    [DefaultValue(TrainingRecipe.DefaultDropout)]
    public double Dropout { get; init; } = TrainingRecipe.DefaultDropout;

    /// <summary>Compute precision.</summary>
    [CommandOption("--precision <KIND>")]
    [RegistryDescription(typeof(PrecisionKind), nameof(PrecisionKind.All), "Forward and backward pass in")]
    public string Precision { get; init; } = PrecisionKind.Fp32.Name;

    /// <summary>Quiet mode.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output; only the final table.")]
    public bool Quiet { get; init; }

    /// <inheritdoc />
    public override TrainingRecipe ToRecipe() => (base.ToRecipe() with
    {
        Model = Model,
        Weights = Weights is null ? null : Path.GetFullPath(Weights),
        FreezeBackbone = FreezeBackbone,
        BackboneLrFactor = BackboneLrFactor,
        Epochs = Epochs,
        AccumulationSteps = AccumulationSteps,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        Schedule = Schedule,
        Loss = Loss,
        PosWeight = PosWeight,
        Resample = Resample,
        ClipGrad = ClipGrad,
        Patience = Patience,
        Monitor = Monitor,
        Seed = Seed,
        TuneThresholds = TuneThresholds,
        Dropout = Dropout,
        Precision = Precision,
    }).Canonical();

    /// <inheritdoc />
    public override MachineOptions ToMachine() => base.ToMachine() with { Device = Device };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var shared = base.Validate();
        if (!shared.Successful)
        {
            return shared;
        }

        if (Resume is not null && !Directory.Exists(Resume))
        {
            return ValidationResult.Error($"--resume: folder '{Resume}' does not exist.");
        }

        if (RecipeFile is not null && !File.Exists(RecipeFile))
        {
            return ValidationResult.Error($"--recipe: file '{RecipeFile}' does not exist.");
        }

        if (Resume is not null && RecipeFile is not null)
        {
            return ValidationResult.Error("--resume and --recipe cannot be given together: a resumed run keeps its own recipe.");
        }

        return Resume is null ? OptionFlags.Check(ToRecipe().FileProblems()) : ValidationResult.Success();
    }

    /// <summary>
    /// The run options given with a value other than their default (as flags): --resume and --recipe take the whole
    /// recipe from a file, so these must not be given with them. Machine options (--device, --quiet, --workers,
    /// --cache-dir, --offline) may.
    /// </summary>
    internal IReadOnlyList<string> RunOptionsGiven()
    {
        var defaults = new TrainSettings().ToRecipe();
        var mine = ToRecipe();
        var given = typeof(TrainingRecipe).GetProperties()
            .Where(p => !Equals(p.GetValue(mine), p.GetValue(defaults)))
            .Select(p => OptionFlags.Of(p.Name))
            .ToList();
        return given;
    }
}
