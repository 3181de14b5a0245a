using System.Globalization;
using MultiLabel.Data;
using MultiLabel.Data.Analysis;
using MultiLabel.Runtime;
using MultiLabel.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Datasets;

/// <summary><c>mlc data stats</c>: label frequency, cardinality and co-occurrence of a dataset's splits (no pixels decoded).</summary>
public sealed class DataStatsCommand(IAnsiConsole console) : Command<DataStatsSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataStatsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TorchRuntime.EnsureLoaded(); // some datasets build tensors while loading: fail with the clear message first
        var data = TrainingData.Load(settings, console);
        var splits = new[]
        {
            DatasetStatistics.Compute("train", data.Train),
            DatasetStatistics.Compute("val", data.Val),
            DatasetStatistics.Compute("test", data.Test),
        };
        console.MarkupLineInterpolated($"[bold]{data.Name}[/]: {data.Description}");

        var frequency = new Table().AddColumn("label");
        foreach (var split in splits)
        {
            frequency.AddColumn(new TableColumn(Markup.Escape($"{split.Name} ({split.Images:N0})")).RightAligned());
        }

        for (int i = 0; i < data.Labels.Count; i++)
        {
            frequency.AddRow([Markup.Escape(data.Labels[i]), .. splits.Select(s => Markup.Escape(Percent(s.Frequencies[i])))]);
        }

        console.WriteTitled("Images per label", frequency);

        var cardinality = new Table().AddColumn(new TableColumn("labels").RightAligned());
        foreach (var split in splits)
        {
            cardinality.AddColumn(new TableColumn(Markup.Escape(split.Name)).RightAligned());
        }

        int max = splits.Max(s => s.Cardinality.Max);
        for (int k = 0; k <= max; k++)
        {
            cardinality.AddRow([k.ToString(CultureInfo.InvariantCulture), .. splits.Select(s => (k < s.Cardinality.Histogram.Count ? s.Cardinality.Histogram[k] : 0).ToString("N0", CultureInfo.InvariantCulture))]);
        }

        cardinality.AddRow(["mean", .. splits.Select(s => s.Cardinality.Mean.ToString("F2", CultureInfo.InvariantCulture))]);
        console.WriteTitled("Labels per image", cardinality);

        var train = splits[0];
        var pairs = new Table().AddColumn("");
        foreach (var label in data.Labels.Names)
        {
            pairs.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        for (int i = 0; i < data.Labels.Count; i++)
        {
            pairs.AddRow([Markup.Escape(data.Labels[i]), .. train.CoOccurrence.Counts[i].Select(c => c.ToString("N0", CultureInfo.InvariantCulture))]);
        }

        console.WriteTitled("Co-occurrence (train): images with both labels", pairs);
        console.MarkupLineInterpolated(
            $"Rarest label in train: [bold]{train.Rarest.Label}[/] ({train.Rarest.Fraction * 100:F1}% of images); most frequent / rarest = {train.ImbalanceRatio:F1}.");
        return ExitCodes.Ok;
    }

    private static string Percent(LabelFrequency f) => string.Create(CultureInfo.InvariantCulture, $"{f.Count:N0} ({f.Fraction * 100:F1}%)");
}
