using System.Globalization;
using MultiLabel.Data;
using MultiLabel.Data.Downloads;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Datasets;

/// <summary><c>mlc data download NAME</c>: fetches a dataset or weights into the cache, verified by sha256.</summary>
public sealed class DataDownloadCommand(IAnsiConsole console) : Command<DataDownloadSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataDownloadSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var entry = DownloadManifest.Embedded.Get(settings.Name);
        var lastReport = DateTime.MinValue;
        var progress = new Progress<DownloadProgress>(p =>
        {
            if ((DateTime.UtcNow - lastReport).TotalSeconds >= 5)
            {
                lastReport = DateTime.UtcNow;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.File}: {p.Received / 1048576.0:F1} MiB{(p.Total is { } t ? $" of {t / 1048576.0:F1} MiB" : "")}"));
            }
        });
        using var downloader = new Downloader(DataDirectory.Resolve(settings.CacheDirectory), settings.Offline, progress: progress);
        console.MarkupLineInterpolated($"{entry.Description}");
        var folder = downloader.Ensure(entry, cancellationToken);
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("bytes").RightAligned()).AddColumn("sha256");
        foreach (var file in entry.Files)
        {
            table.AddRow(Markup.Escape(file.Name), (file.Size ?? 0).ToString("N0", CultureInfo.InvariantCulture), file.Sha256);
        }

        console.Write(table);
        console.MarkupLineInterpolated($"Verified and ready in [bold]{folder}[/]");
        return ExitCodes.Ok;
    }
}
