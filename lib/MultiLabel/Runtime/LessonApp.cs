using System.Collections;
using System.Globalization;
using MultiLabel.Viz;
using TorchSharp;

namespace MultiLabel.Runtime;

/// <summary>
/// The set-up of a lesson run as a .NET file-based app (<c>apps/NN-name.cs</c>, written by <c>mlc export-apps</c>): what
/// the notebook's <c>#!import setup.csx</c> cell does, for a console. Charts and image grids are saved as HTML pages
/// next to the app (<c>apps/output/NN-name/</c>, or <c>MLC_DISPLAY_DIR</c>), tables and values print as text, and
/// exercises are checked the same way as in the notebook.
/// </summary>
public static class LessonApp
{
    /// <summary>
    /// Prepares the process for lesson <paramref name="lesson"/> ("00-setup"): the working folder becomes the course's
    /// notebooks/ folder (so the lesson's relative paths resolve as they do in the notebook), pages go to
    /// <c>output/NN-name/</c> next to the app, libtorch is loaded and this CPU's convolution gradients are checked;
    /// prints one line saying so.
    /// </summary>
    /// <returns>The folder pages are saved in.</returns>
    public static string Start(string lesson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lesson);
        var appFolder = AppContext.GetData("EntryPointFileDirectoryPath") is string folder && Directory.Exists(folder) ? folder : Environment.CurrentDirectory;
        if ((Diagnostics.CourseFolder.Find(appFolder) ?? Diagnostics.CourseFolder.Find()) is { } course && Directory.Exists(Path.Combine(course, "notebooks")))
        {
            Environment.CurrentDirectory = Path.Combine(course, "notebooks");
        }

        var output = Environment.GetEnvironmentVariable(ConsoleDisplaySink.DirectoryVariable) is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(appFolder, "output", lesson);
        Display.Use(new ConsoleDisplaySink(outputDirectory: output));
        TorchRuntime.EnsureLoaded();
        var check = ConvolutionCheck.EnsureCorrectGradients(TextWriter.Null);
        Console.WriteLine($"Lesson {lesson} as an app · TorchSharp {typeof(torch).Assembly.GetName().Version} · " +
                          $"CUDA {(torch.cuda.is_available() ? "available" : "not available")} · fast mode {(FastMode.IsEnabled ? "on" : "off")} · " +
                          $"CPU convolutions {(check.OneDnnCorrect ? "oneDNN" : "ATen im2col")} · charts saved in {output}");
        return output;
    }

    /// <summary>
    /// What a notebook does with a cell's trailing expression: shows its value (<see cref="Display.Show"/>: charts and
    /// grids become pages, tables and text print). Null shows nothing, as in a notebook.
    /// </summary>
    /// <returns>The value, so an exported cell can go on using it.</returns>
    public static T Result<T>(Func<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = value();
        if (result is not null)
        {
            Display.Show(Shown(result));
        }

        return result;
    }

    /// <summary>A trailing expression without a value (a call that returns nothing): it just runs.</summary>
    public static void Result(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
    }

    /// <summary>Sequences print their items as a notebook's formatter does (the first 20), other values stay as they are.</summary>
    internal static object Shown(object value) => value switch
    {
        string or IDisplayable or TorchSharp.torch.Tensor => value,
        IEnumerable items => Listed(items),
        _ => value,
    };

    private static string Listed(IEnumerable items)
    {
        const int MaxItems = 20;
        var parts = new List<string>();
        int count = 0;
        foreach (var item in items)
        {
            if (count++ < MaxItems)
            {
                parts.Add(Convert.ToString(item, CultureInfo.InvariantCulture) ?? "null");
            }
        }

        return "[" + string.Join(", ", parts) + (count > MaxItems ? string.Create(CultureInfo.InvariantCulture, $", ... ({count} items)") : string.Empty) + "]";
    }
}
