using MultiLabel.Data;
using MultiLabel.Imaging;
using Spectre.Console;

namespace MultiLabel.Cli.Commands;

/// <summary>Loads the dataset a data-only command's <see cref="DataSettings"/> name (data stats, bench data), turning bad input into usage errors and reporting skipped images.</summary>
internal static class TrainingData
{
    /// <summary>Loads the dataset the settings name.</summary>
    public static DataSplits Load(DataSettings settings, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DataSplits data;
        try
        {
            data = DatasetCatalog.Load(settings.ToDataSourceOptions());
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        ReportSkipped(console, data);
        return data;
    }

    /// <summary>Prints the images left out under --on-bad-image skip (the first ten).</summary>
    public static void ReportSkipped(IAnsiConsole console, DataSplits data)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Skipped.Count == 0)
        {
            return;
        }

        console.MarkupLineInterpolated($"[yellow]Skipped {data.Skipped.Count} bad image(s)[/] (--on-bad-image skip):");
        foreach (var skipped in data.Skipped.Take(10))
        {
            console.MarkupLineInterpolated($"  {skipped.FileName}: {skipped.Reason}");
        }

        if (data.Skipped.Count > 10)
        {
            console.MarkupLineInterpolated($"  ... and {data.Skipped.Count - 10} more.");
        }
    }

    /// <summary>True for the exceptions that mean "the input data is bad" (exit code 2).</summary>
    public static bool IsBadInput(Exception ex) => ex is DataFormatException or ImageDecodeException;
}
