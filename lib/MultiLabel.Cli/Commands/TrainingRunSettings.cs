using System.ComponentModel;
using MultiLabel.Training;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>Options shared by <c>mlc train</c> and <c>mlc bench train</c>: the data options, batch size and small-cnn size.</summary>
public abstract class TrainingRunSettings : DataSettings
{
    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Images per batch.")]
    [DefaultValue(TrainingRecipe.DefaultBatchSize)]
    public int BatchSize { get; init; } = TrainingRecipe.DefaultBatchSize;

    /// <summary>Network width.</summary>
    [CommandOption("--width <N>")]
    [Description("small-cnn: channels of the first block (doubles per block).")]
    [DefaultValue(TrainingRecipe.DefaultWidth)]
    public int Width { get; init; } = TrainingRecipe.DefaultWidth;

    /// <summary>Network depth.</summary>
    [CommandOption("--depth <N>")]
    [Description("small-cnn: convolution blocks (each halves the resolution).")]
    [DefaultValue(TrainingRecipe.DefaultDepth)]
    public int Depth { get; init; } = TrainingRecipe.DefaultDepth;

    /// <inheritdoc />
    public override TrainingRecipe ToRecipe() => base.ToRecipe() with { BatchSize = BatchSize, Width = Width, Depth = Depth };
}
