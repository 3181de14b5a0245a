using System.Diagnostics;
using System.Globalization;
using MultiLabel.Data.Analysis;
using MultiLabel.Data.Shapes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Datasets;

/// <summary><c>mlc data shapes</c>: generates the shapes dataset (PNG files, labels.csv, datasheet README.md).</summary>
public sealed class DataShapesCommand(IAnsiConsole console) : Command<DataShapesSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataShapesSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions();
        var clock = Stopwatch.StartNew();
        ShapesWriteResult result;
        try
        {
            console.MarkupLineInterpolated($"Generating {options.Count:N0} shapes images ({options.ImageSize} px, seed {options.Seed}) into [bold]{Path.GetFullPath(settings.Out!)}[/] ...");
            result = ShapesFiles.Write(options, settings.Out!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot write '{settings.Out}': {ex.Message}", ex);
        }

        var stats = DatasetStatistics.BySplit(ShapesFiles.ReadLabels(result.Folder));
        var table = new Table().AddColumn("label");
        foreach (var split in stats)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{split.Name} ({split.Images:N0})")).RightAligned());
        }

        for (int i = 0; i < ShapesGenerator.Labels.Count; i++)
        {
            table.AddRow([ShapesGenerator.Labels[i], .. stats.Select(s => Markup.Escape(Cell(s.Frequencies[i])))]);
        }

        table.AddRow(["no label", .. stats.Select(s => Markup.Escape(FormattableString.Invariant($"{s.Cardinality.Histogram[0]:N0}")))]);
        console.Write(table);
        console.MarkupLineInterpolated(
            $"Wrote {result.Images:N0} images ({result.ImageBytes / 1048576.0:F1} MiB), {ShapesFiles.LabelsFileName} and {ShapesFiles.DatasheetFileName} in {clock.Elapsed.TotalSeconds:F1} s.");
        return ExitCodes.Ok;
    }

    private static string Cell(LabelFrequency f) => string.Create(CultureInfo.InvariantCulture, $"{f.Count:N0} ({f.Fraction * 100:F1}%)");
}
