using System.ComponentModel;
using Spectre.Console;
using MultiLabel.Cli.Commands;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>Options of <c>mlc bench train</c>.</summary>
public sealed class BenchTrainSettings : TrainingRunSettings
{
    /// <summary>Measured epochs of each loop.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Measured epochs of the bare loop and of the trainer (at least 2).")]
    [DefaultValue(3)]
    public int Epochs { get; init; } = 3;

    /// <summary>The network.</summary>
    [CommandOption("--model <NAME>")]
    [RegistryDescription(typeof(MultiLabel.Models.ModelCatalog), nameof(MultiLabel.Models.ModelCatalog.Models), "Network")]
    public string Model { get; init; } = MultiLabel.Models.ModelCatalog.Models.Default.Name;

    /// <inheritdoc />
    public override MultiLabel.Training.TrainingRecipe ToRecipe() => base.ToRecipe() with { Model = Model };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Epochs < 2)
        {
            return ValidationResult.Error($"--epochs must be at least 2 (got {Epochs}).");
        }

        return base.Validate();
    }
}
