using System.ComponentModel;
using MultiLabel.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench precision</c>.</summary>
public sealed class BenchPrecisionSettings : CommandSettings
{
    /// <summary>The network.</summary>
    [CommandOption("--model <NAME>")]
    [RegistryDescription(typeof(ModelCatalog), nameof(ModelCatalog.Models), "Network")]
    public string Model { get; init; } = ModelCatalog.Models.Default.Name;

    /// <summary>Image size.</summary>
    [CommandOption("--img-size <PX>")]
    [Description("Square images of this many pixels.")]
    [DefaultValue(64)]
    public int ImageSize { get; init; } = 64;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per training step.")]
    [DefaultValue(64)]
    public int BatchSize { get; init; } = 64;

    /// <summary>Measured rounds.</summary>
    [CommandOption("--rounds <N>")]
    [Description("Measured rounds; each round times one step of every variant, in turn (at least 3).")]
    [DefaultValue(7)]
    public int Rounds { get; init; } = 7;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (!ModelCatalog.Models.Contains(Model))
        {
            return ValidationResult.Error($"--model must be {ModelCatalog.Models.Choices} (got '{Model}').");
        }

        return ImageSize is < 24 or > 512 ? ValidationResult.Error($"--img-size must be between 24 and 512 (got {ImageSize}).")
            : BatchSize < 1 ? ValidationResult.Error($"--batch-size must be at least 1 (got {BatchSize}).")
            : Rounds < 3 ? ValidationResult.Error($"--rounds must be at least 3 (got {Rounds}).")
            : ValidationResult.Success();
    }
}
