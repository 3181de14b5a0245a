using System.Diagnostics;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace MultiLabel.Notebooks.Tests.Support;

/// <summary>What one code cell produced.</summary>
internal sealed record CellRun(NotebookCell Cell, string SubmittedCode, IReadOnlyList<string> Errors, IReadOnlyList<string> Html, string Output, IReadOnlyList<string> Warnings);

/// <summary>A whole notebook's run.</summary>
internal sealed record NotebookRun(NotebookFile Notebook, IReadOnlyList<CellRun> Cells, TimeSpan Elapsed)
{
    public IEnumerable<string> Failures => Cells.SelectMany(c => c.Errors.Select(e =>
        $"{Notebook.Name}, {c.Cell}: {e}"));
}

/// <summary>
/// Executes a notebook in-process with the .NET Interactive C# kernel (the engine of the dotnet-interactive tool):
/// from the notebook's own folder, with <c>#r "nuget: ..."</c> and <c>#!import</c> enabled, cell by cell. Kernel
/// state is process-global (working folder, console, formatters): run one notebook at a time.
/// </summary>
internal static class NotebookRunner
{
    /// <summary>
    /// Runs every code cell (or those <paramref name="include"/> selects); <paramref name="rewrite"/> may replace a
    /// cell's code just before it runs; <paramref name="after"/> runs in the same kernel once the cells have run.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(NotebookFile notebook, Func<NotebookCell, CSharpKernel, Task<string>>? rewrite = null,
        Func<NotebookCell, bool>? include = null, Func<CSharpKernel, Task>? after = null)
    {
        var clock = Stopwatch.StartNew();
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = notebook.Directory;
        try
        {
            var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
            csharp.UseNugetDirective((k, references) =>
            {
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            }, forceRestore: false);
            using var kernel = new CompositeKernel { csharp };
            kernel.DefaultKernelName = csharp.Name;
            kernel.UseImportMagicCommand();

            var runs = new List<CellRun>();
            foreach (var cell in notebook.CodeCells.Where(c => include?.Invoke(c) ?? true))
            {
                var code = rewrite is null ? cell.Source : await rewrite(cell, csharp);
                runs.Add(await RunCellAsync(kernel, cell, code));
            }

            if (after is not null)
            {
                await after(csharp);
            }

            return new NotebookRun(notebook, runs, clock.Elapsed);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    /// <summary>Runs code in the kernel and returns its errors (empty when it succeeded).</summary>
    public static async Task<IReadOnlyList<string>> SubmitAsync(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        return [.. result.Events.OfType<CommandFailed>().Select(f => f.Message)];
    }

    private static async Task<CellRun> RunCellAsync(Kernel kernel, NotebookCell cell, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        var errors = new List<string>();
        var html = new List<string>();
        var output = new StringBuilder();
        var warnings = new List<string>();
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case CommandFailed failed:
                    errors.Add(failed.Message);
                    break;
                case DiagnosticsProduced diagnostics:
                    warnings.AddRange(diagnostics.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(d => $"{d.Code}: {d.Message}"));
                    break;
                case StandardOutputValueProduced stdout:
                    output.Append(stdout.FormattedValues.FirstOrDefault()?.Value);
                    break;
                case DisplayEvent display:
                    html.AddRange(display.FormattedValues.Where(v => v.MimeType is "text/html" or "image/png").Select(v => v.Value));
                    break;
            }
        }

        return new CellRun(cell, code, errors, html, output.ToString(), warnings);
    }
}
