using MultiLabel.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands;

/// <summary><c>mlc doctor</c>: checks this machine for the course (<see cref="Doctor"/>); exit 0 when no check failed, 1 otherwise.</summary>
public sealed class DoctorCommand(IAnsiConsole console) : Command<DoctorSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DoctorSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var report = Doctor.Run(new DoctorOptions(CacheDirectory: settings.CacheDirectory));
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(report.ToJson());
            return report.Healthy ? ExitCodes.Ok : ExitCodes.Failure;
        }

        var table = new Table().AddColumn("check").AddColumn("status").AddColumn("found");
        foreach (var check in report.Checks)
        {
            table.AddRow(Markup.Escape(check.Name), Status(check.Status), Markup.Escape(check.Detail));
        }

        console.Write(table);
        foreach (var check in report.Checks.Where(c => c.Fix is not null && c.Status is HealthStatus.Failed or HealthStatus.Warning))
        {
            console.MarkupLineInterpolated($"[bold]{check.Name}[/]: {check.Fix}");
        }

        int failed = report.Checks.Count(c => c.Status == HealthStatus.Failed);
        console.MarkupLine(failed == 0 ? "[green]All is well[/] for the course on this machine." : $"[red]{failed} check(s) failed[/]: apply the fixes above, then run mlc doctor again.");
        return report.Healthy ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Ok => "[green]ok[/]",
        HealthStatus.Info => "info",
        HealthStatus.Warning => "[yellow]warning[/]",
        _ => "[red]FAILED[/]",
    };
}
