using MultiLabel.Cli.Apps;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary>
/// <c>mlc export-apps</c>: every lesson notebook as a .NET file-based app, <c>apps/NN-name.cs</c>
/// (<see cref="NotebookAppExporter"/>), so the course runs with <c>dotnet run</c> alone.
/// </summary>
public sealed class ExportAppsCommand(IAnsiConsole console) : Command<ExportAppsSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ExportAppsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var notebooks = CourseNotebooks.Resolve(settings.Notebooks);

        var outDir = settings.Out ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebooks))!, NotebookAppExporter.AppsFolder);
        var defaultOut = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebooks))!, NotebookAppExporter.AppsFolder);
        if (settings.Solutions && Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) == defaultOut)
        {
            throw new UsageException("--solutions writes the model answers: pass --out DIR other than apps/, which learners get.");
        }

        var apps = NotebookAppExporter.ExportAll(notebooks, outDir, settings.Solutions);
        int stale = 0;
        var table = new Table().AddColumn("notebook").AddColumn("app").AddColumn("lines").AddColumn("status");
        foreach (var app in apps)
        {
            var path = Path.Combine(outDir, app.AppFile);
            bool same = File.Exists(path) && File.ReadAllText(path) == app.Source;
            string status;
            if (settings.Check)
            {
                status = same ? "[green]current[/]" : File.Exists(path) ? "[red]differs[/]" : "[red]missing[/]";
                stale += same ? 0 : 1;
            }
            else
            {
                if (!same)
                {
                    Directory.CreateDirectory(outDir);
                    AtomicFile.WriteAllText(path, app.Source);
                }

                status = same ? "unchanged" : "written";
            }

            table.AddRow(Markup.Escape(Path.GetFileName(app.Notebook)), Markup.Escape(Path.Combine(outDir, app.AppFile)),
                app.Source.Count(c => c == '\n').ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        }

        console.Write(table);
        if (settings.Check && stale > 0)
        {
            console.MarkupLineInterpolated($"[red]{stale} app(s) differ from their notebook[/]: run mlc export-apps and commit {outDir}.");
            return ExitCodes.Failure;
        }

        console.MarkupLineInterpolated($"Run one with: dotnet run {Path.Combine(Path.GetRelativePath(Environment.CurrentDirectory, outDir), apps.Count > 0 ? apps[0].AppFile : "NN-name.cs")}");
        return ExitCodes.Ok;
    }
}
