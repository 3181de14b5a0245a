using System.Globalization;
using MultiLabel.Imaging;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc predict --run DIR IMAGE...</c>: loads the finished run (<see cref="TrainedRun"/>) and prints each image's predicted labels with their probabilities.</summary>
public sealed class PredictCommand(IAnsiConsole console) : Command<PredictSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DeviceOption.Resolve(settings.Device); // an unavailable device is a usage error, before the model is read
        using var run = TrainedRun.Load(settings.Run!, settings.Device);
        var table = new Table().AddColumn("image").AddColumn("labels (probability)");
        foreach (var image in settings.Images)
        {
            ImagePrediction prediction;
            try
            {
                prediction = run.Predict(image);
            }
            catch (ImageDecodeException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            var text = string.Join("  ", prediction.Predicted.Select(s => $"{s.Label} {s.Probability.ToString("F3", CultureInfo.InvariantCulture)}"));
            table.AddRow(Markup.Escape(image), Markup.Escape(text.Length == 0 ? "(none)" : text));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
