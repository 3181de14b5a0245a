using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Imaging;
using Spectre.Console;

namespace MultiLabel.Cli.Commands;

/// <summary>Loads the dataset a command's <see cref="DataSettings"/> name, turning bad input into usage errors and reporting skipped images.</summary>
internal static class TrainingData
{
    public static DataSplits Load(DataSettings settings, IAnsiConsole console) => Load(settings.ToDataSourceOptions(), console);

    /// <summary>Loads a dataset, turning bad input into usage errors and reporting skipped images.</summary>
    public static DataSplits Load(DataSourceOptions options, IAnsiConsole console)
    {
        DataSplits data;
        try
        {
            data = DatasetCatalog.Load(options);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        if (data.Skipped.Count > 0)
        {
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

        return data;
    }

    /// <summary>The training transform an --augment value names: auto is the dataset's default, none is no augmentation.</summary>
    public static ITransform? TrainTransform(string augment, DataSplits data)
    {
        ArgumentNullException.ThrowIfNull(augment);
        ArgumentNullException.ThrowIfNull(data);
        return augment.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) ? data.TrainTransform : Transforms.ByName(augment);
    }

    /// <summary>True for the exceptions that mean "the input data is bad" (exit code 2).</summary>
    public static bool IsBadInput(Exception ex) => ex is DataFormatException or ImageDecodeException;
}
