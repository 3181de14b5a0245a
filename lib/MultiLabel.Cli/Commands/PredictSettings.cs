using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options of <c>mlc predict</c>.</summary>
public sealed class PredictSettings : CommandSettings
{
    /// <summary>The run folder.</summary>
    [CommandOption("--run <DIR>")]
    [Description("Run folder written by mlc train (config.json, model.bin, labels.txt).")]
    public string? Run { get; init; }

    /// <summary>Image files.</summary>
    [CommandArgument(0, "<IMAGE>")]
    [Description("Image files to classify.")]
    public string[] Images { get; init; } = [];

    /// <summary>Device name.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description(DeviceOption.Description)]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Run))
        {
            return ValidationResult.Error("--run DIR is required: the folder of a finished mlc train run.");
        }

        if (!Directory.Exists(Run))
        {
            return ValidationResult.Error($"--run: folder '{Run}' does not exist.");
        }

        if (Images.Length == 0)
        {
            return ValidationResult.Error("Give at least one image file.");
        }

        if (DeviceOption.Validate(Device) is { } deviceError)
        {
            return ValidationResult.Error(deviceError);
        }

        return ValidationResult.Success();
    }
}
