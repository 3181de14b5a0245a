using System.Globalization;
using MultiLabel.Data;
using MultiLabel.Imaging;
using MultiLabel.Metrics;
using MultiLabel.Randomness;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc predict --run DIR IMAGE...</c>: prints each image's predicted labels with their probabilities.</summary>
public sealed class PredictCommand(IAnsiConsole console) : Command<PredictSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = settings.Run!;
        var config = TrainConfig.Read(folder);
        var labelsPath = Path.Combine(folder, RunDirectory.LabelsFile);
        var modelPath = Path.Combine(folder, RunDirectory.ModelFile);
        foreach (var required in new[] { labelsPath, modelPath })
        {
            if (!File.Exists(required))
            {
                throw new UsageException($"--run: '{required}' is missing: the run has not finished an epoch.");
            }
        }

        var labels = File.ReadAllLines(labelsPath).Where(l => l.Length > 0).ToArray();
        var thresholdsPath = Path.Combine(folder, TrainCommand.ThresholdsFileName);
        Thresholds thresholds;
        try
        {
            thresholds = File.Exists(thresholdsPath) ? ThresholdsFile.Read(thresholdsPath, labels) : Thresholds.Default;
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var prepare = DatasetCatalog.InputTransform(config.ToDataSourceOptions(cacheDirectory: null, offline: true));

        TorchRuntime.EnsureLoaded();
        var device = DeviceOption.Resolve(settings.Device);
        using var model = TrainCommand.BuildModel(config with { Weights = null, FreezeBackbone = false }, labels.Length);
        model.load(modelPath);
        model.to(device);
        model.eval();

        var table = new Table().AddColumn("image").AddColumn("labels (probability)");
        foreach (var image in settings.Images)
        {
            using var scope = NewDisposeScope();
            Tensor input;
            try
            {
                input = prepare.Apply(ImageDecoder.DecodeToTensor(image), new Pcg32(0));
            }
            catch (ImageDecodeException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            float[] probabilities;
            using (torch.no_grad())
            {
                probabilities = model.call(input.unsqueeze(0).to(device)).sigmoid().cpu().data<float>().ToArray();
            }

            var predicted = Enumerable.Range(0, labels.Length).Where(l => probabilities[l] >= thresholds[l]).OrderByDescending(l => probabilities[l]);
            var text = string.Join("  ", predicted.Select(l => $"{labels[l]} {probabilities[l].ToString("F3", CultureInfo.InvariantCulture)}"));
            table.AddRow(Markup.Escape(image), Markup.Escape(text.Length == 0 ? "(none)" : text));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
