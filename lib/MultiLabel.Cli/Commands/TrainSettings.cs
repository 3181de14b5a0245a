using System.ComponentModel;
using System.Globalization;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc train</c>.</summary>
public sealed class TrainSettings : TrainingRunSettings
{
    /// <summary>Network.</summary>
    [CommandOption("--model <NAME>")]
    [Description("small-cnn (default), resnet18, resnet34 or resnet50.")]
    [DefaultValue(ModelCatalog.SmallCnn)]
    public string Model { get; init; } = ModelCatalog.SmallCnn;

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
    [DefaultValue(TrainConfig.DefaultEpochs)]
    public int Epochs { get; init; } = TrainConfig.DefaultEpochs;

    /// <summary>Peak learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Peak learning rate (AdamW).")]
    [DefaultValue(TrainConfig.DefaultLearningRate)]
    public double LearningRate { get; init; } = TrainConfig.DefaultLearningRate;

    /// <summary>AdamW weight decay.</summary>
    [CommandOption("--weight-decay <DECAY>")]
    [Description("AdamW's decoupled weight decay.")]
    [DefaultValue(TrainConfig.DefaultWeightDecay)]
    public double WeightDecay { get; init; } = TrainConfig.DefaultWeightDecay;

    /// <summary>Learning-rate schedule.</summary>
    [CommandOption("--schedule <KIND>")]
    [Description("onecycle (default) or cosine.")]
    [DefaultValue("onecycle")]
    public string Schedule { get; init; } = "onecycle";

    /// <summary>Loss.</summary>
    [CommandOption("--loss <KIND>")]
    [Description("bce (default), focal or asl (asymmetric loss).")]
    [DefaultValue("bce")]
    public string Loss { get; init; } = "bce";

    /// <summary>Positive weights from label frequencies.</summary>
    [CommandOption("--pos-weight")]
    [Description("Weight each label's positives by negatives/positives in the training split (rare labels count more).")]
    public bool PosWeight { get; init; }

    /// <summary>Gradient clipping.</summary>
    [CommandOption("--clip-grad <NORM>")]
    [Description("Clip the gradient norm to this value; 0 turns clipping off.")]
    [DefaultValue(TrainConfig.DefaultClipGrad)]
    public double ClipGrad { get; init; } = TrainConfig.DefaultClipGrad;

    /// <summary>Early stopping patience.</summary>
    [CommandOption("--patience <N>")]
    [Description("Stop after N epochs without improvement of the --monitor metric; 0 never stops early.")]
    [DefaultValue(0)]
    public int Patience { get; init; }

    /// <summary>The metric that picks the best epoch.</summary>
    [CommandOption("--monitor <METRIC>")]
    [Description("Validation metric that picks the best epoch (model.bin) and drives --patience: f1-micro (default), f1-macro, loss or hamming.")]
    [DefaultValue("f1-micro")]
    public string Monitor { get; init; } = "f1-micro";

    /// <summary>Seed of everything random.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of weights, data order and augmentation: the same seed repeats the run on CPU.")]
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

    /// <summary>Per-label threshold tuning.</summary>
    [CommandOption("--tune-thresholds")]
    [Description("Choose each label's threshold on the validation split (best F1) and use them on the test split.")]
    public bool TuneThresholds { get; init; }

    /// <summary>Dropout.</summary>
    [CommandOption("--dropout <RATE>")]
    [Description("small-cnn: dropout before the head, from 0 up to (not including) 1.")]
    [DefaultValue(TrainConfig.DefaultDropout)]
    public double Dropout { get; init; } = TrainConfig.DefaultDropout;

    /// <summary>Quiet mode.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output; only the final table.")]
    public bool Quiet { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var shared = base.Validate();
        if (!shared.Successful)
        {
            return shared;
        }

        string? error = FirstError();
        return error is null ? ValidationResult.Success() : ValidationResult.Error(error);
    }

    /// <summary>The training configuration these options describe.</summary>
    internal TrainConfig ToConfig() => new(
        Data.Trim().ToLowerInvariant(), DataDir is null ? null : Path.GetFullPath(DataDir), Labels is null ? null : Path.GetFullPath(Labels),
        Count, ImageSize, BadImagePolicy, DropDifficult, Augment.Trim().ToLowerInvariant(),
        Model, Weights is null ? null : Path.GetFullPath(Weights), FreezeBackbone, BackboneLrFactor, Epochs, BatchSize,
        LearningRate, WeightDecay, ParseSchedule(Schedule)!.Value, ParseLoss(Loss)!.Value, PosWeight, ClipGrad, Patience, ParseMonitor(Monitor)!.Value, Seed, TuneThresholds,
        Width, Depth, Dropout);

    /// <summary>
    /// The options that describe the run and differ from their defaults: everything but the machine-side options
    /// (--device, --quiet, --workers, --cache-dir, --offline), --out and --resume.
    /// </summary>
    internal IReadOnlyList<string> RunOptionsGiven()
    {
        var defaults = new TrainSettings().ToConfig() with { Weights = null };
        var mine = ToConfig();
        var given = new List<string>();
        foreach (var property in typeof(TrainConfig).GetProperties())
        {
            if (!Equals(property.GetValue(mine), property.GetValue(defaults)))
            {
                given.Add(property.Name);
            }
        }

        if (Out is not null)
        {
            given.Add("Out");
        }

        return given;
    }

    internal static ScheduleKind? ParseSchedule(string value) => value.Trim().ToLowerInvariant() switch
    {
        "onecycle" or "one-cycle" => ScheduleKind.OneCycle,
        "cosine" => ScheduleKind.Cosine,
        _ => null,
    };

    internal static MonitorMetric? ParseMonitor(string value) => value.Trim().ToLowerInvariant() switch
    {
        "f1-micro" => MonitorMetric.ValF1Micro,
        "f1-macro" => MonitorMetric.ValF1Macro,
        "loss" => MonitorMetric.ValLoss,
        "hamming" => MonitorMetric.ValHammingLoss,
        _ => null,
    };

    internal static LossKind? ParseLoss(string value) => value.Trim().ToLowerInvariant() switch
    {
        "bce" => LossKind.Bce,
        "focal" => LossKind.Focal,
        "asl" => LossKind.Asl,
        _ => null,
    };

    private string? FirstError()
    {
        string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (Epochs < 1)
        {
            return $"--epochs must be at least 1 (got {Epochs}).";
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            return $"--lr must be a positive number (got {F(LearningRate)}).";
        }

        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            return $"--weight-decay must be a number >= 0 (got {F(WeightDecay)}).";
        }

        if (!(BackboneLrFactor >= 0) || double.IsInfinity(BackboneLrFactor))
        {
            return $"--backbone-lr must be a number >= 0 (got {F(BackboneLrFactor)}).";
        }

        if (!(ClipGrad >= 0) || double.IsInfinity(ClipGrad))
        {
            return $"--clip-grad must be a number >= 0 (got {F(ClipGrad)}).";
        }

        if (Patience < 0)
        {
            return $"--patience must be at least 0 (got {Patience}).";
        }

        if (ParseSchedule(Schedule) is null)
        {
            return $"--schedule must be onecycle or cosine (got '{Schedule}').";
        }

        if (ParseMonitor(Monitor) is null)
        {
            return $"--monitor must be f1-micro, f1-macro, loss or hamming (got '{Monitor}').";
        }

        if (ParseLoss(Loss) is null)
        {
            return $"--loss must be bce, focal or asl (got '{Loss}').";
        }

        if (!ModelCatalog.Names.Contains(Model))
        {
            return $"--model must be one of {string.Join(", ", ModelCatalog.Names)} (got '{Model}').";
        }

        if (Weights is not null && !File.Exists(Weights))
        {
            return $"--weights: file '{Weights}' does not exist.";
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            return $"--dropout must be in [0, 1) (got {F(Dropout)}).";
        }

        if (DeviceOption.Validate(Device) is { } deviceError)
        {
            return deviceError;
        }

        if (Resume is not null && !Directory.Exists(Resume))
        {
            return $"--resume: folder '{Resume}' does not exist.";
        }

        return null;
    }
}
