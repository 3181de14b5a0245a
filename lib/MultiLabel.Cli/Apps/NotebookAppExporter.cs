using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiLabel.Exercises;

namespace MultiLabel.Cli.Apps;

/// <summary>A lesson exported as a file-based app.</summary>
/// <param name="Notebook">The notebook's path.</param>
/// <param name="AppFile">The app's file name (<c>NN-name.cs</c>).</param>
/// <param name="Source">The app's source.</param>
public sealed record ExportedApp(string Notebook, string AppFile, string Source);

/// <summary>A notebook that cannot become an app: the message names the notebook and the cell.</summary>
public sealed class AppExportException(string message) : Exception(message);

/// <summary>
/// Turns a lesson notebook into a .NET 10 file-based app (<c>dotnet run apps/NN-name.cs</c>), so the course does not
/// depend on the deprecated notebook tools alone. Markdown cells become comments; the set-up cell becomes
/// <see cref="MultiLabel.Runtime.LessonApp.Start"/>; the cells' code runs top to bottom as top-level statements, with
/// their <c>using</c> directives hoisted to the top and their type declarations moved to the end (where C# wants them);
/// a cell's trailing expression, which a notebook displays, is shown with <see cref="MultiLabel.Viz.Display"/>.
/// Notebook-only directives (<c>#!</c> magics, <c>#r</c>) stay as comments.
/// </summary>
public static partial class NotebookAppExporter
{
    /// <summary>The folder of the apps, beside notebooks/.</summary>
    public const string AppsFolder = "apps";

    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>
    /// Exports every lesson (<c>NN-*.ipynb</c>) of <paramref name="notebooks"/>, in order, as apps that will live in
    /// <paramref name="appsFolder"/> (default: apps/ beside the notebooks). With <paramref name="solutions"/> every
    /// exercise region holds its model answer (the instructor's copy; CI runs it to see every check pass).
    /// </summary>
    public static IReadOnlyList<ExportedApp> ExportAll(string notebooks, string? appsFolder = null, bool solutions = false)
    {
        var setupUsings = UsingLines(File.ReadAllText(Path.Combine(notebooks, "setup-library.csx")));
        var course = Path.GetDirectoryName(Path.GetFullPath(notebooks))!;
        appsFolder = Path.GetFullPath(appsFolder ?? Path.Combine(course, AppsFolder));
        var project = Path.GetRelativePath(appsFolder, Path.Combine(course, "lib", "MultiLabel", "MultiLabel.csproj")).Replace('\\', '/');
        return [.. Directory.GetFiles(notebooks, "*.ipynb")
            .Where(p => LessonName().IsMatch(Path.GetFileName(p)))
            .Order(StringComparer.Ordinal)
            .Select(p => Export(p, setupUsings, project, solutions))];
    }

    /// <summary>
    /// Exports one notebook; <paramref name="setupUsings"/> are the namespaces setup.csx opens, <paramref name="project"/>
    /// the library's project file relative to the app.
    /// </summary>
    /// <exception cref="AppExportException">The notebook is not valid, or a cell cannot run in one file.</exception>
    public static ExportedApp Export(string notebookPath, IReadOnlyList<string> setupUsings, string project = "../lib/MultiLabel/MultiLabel.csproj", bool solutions = false)
    {
        ArgumentNullException.ThrowIfNull(setupUsings);
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        var cells = solutions ? [.. ReadCells(notebookPath).Select(c => (c.Kind, WithSolution(c.Source)))] : ReadCells(notebookPath);
        var usings = new List<string>(setupUsings);
        var body = new StringBuilder();
        var types = new StringBuilder();
        var parsed = ParseCells(name, cells);
        var topLevel = parsed.SelectMany(c => c.Root is null ? [] : TopLevelNames(c.Root)).ToHashSet(StringComparer.Ordinal);
        var declared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in parsed)
        {
            if (cell.Root is null)
            {
                body.Append('\n');
                foreach (var line in cell.Source.TrimEnd().Split('\n'))
                {
                    body.Append(line.Length == 0 ? "//" : "// " + line.TrimEnd()).Append('\n');
                }

                continue;
            }

            body.Append('\n').Append("// ---- cell ").Append(cell.Number).Append(" ----\n").Append(cell.Preamble);
            ExportCell(new CellContext(name, cell.Number, cell.Root, topLevel, usings, body, types, declared));
        }

        var app = new StringBuilder();
        app.Append($"// Lesson {name} as a .NET file-based app, exported by `mlc export-apps` from notebooks/{name}.ipynb.\n");
        app.Append("// Do not edit it: edit the notebook and export again (a test checks that the two agree).\n");
        app.Append($"// Run it from the repository root: dotnet run {AppsFolder}/{name}.cs   (MLC_FAST=1: fast mode; TorchBackend=cuda-windows or\n");
        app.Append("// cuda-linux: the CUDA package, as for the build). Charts and image grids are saved as HTML pages in\n");
        app.Append($"// {AppsFolder}/output/{name}/; exercises are checked as in the notebook: edit the solution regions here or there.\n");
        app.Append("#:project ").Append(project).Append('\n');
        app.Append("#:package $(TorchPackage)\n");
        app.Append("#:property PublishAot=false\n"); // file-based apps default to AOT, which turns reflection-based JSON off
        app.Append("#:property TreatWarningsAsErrors=false\n");
        app.Append("#:property GenerateDocumentationFile=false\n");
        app.Append("#:property AnalysisLevel=none\n");
        // libtorch is about 0.5 GB per copy: link it from the NuGet cache instead of copying it into every app build
        app.Append("#:property CreateHardLinksForCopyLocalIfPossible=true\n");
        app.Append("#:property NoWarn=$(NoWarn);CS1701;CS1702\n\n");
        foreach (var line in usings.Distinct(StringComparer.Ordinal))
        {
            app.Append(line).Append('\n');
        }

        app.Append(body);
        if (types.Length > 0)
        {
            app.Append("\n// ---- the types the cells declare (C# wants them after the top-level statements) ----\n").Append(types);
        }

        return new ExportedApp(notebookPath, name + ".cs", app.ToString());
    }

    /// <summary>A cell with its exercise region holding the model answer; other cells as they are.</summary>
    private static string WithSolution(string source) =>
        SolutionMarkers.ExerciseId(source) is { } id ? SolutionMarkers.Fill(source, ExerciseCatalog.Get(id).SolutionCode) : source;

    /// <summary>The top-level <c>using</c> directives of a set-up file.</summary>
    public static IReadOnlyList<string> UsingLines(string code) =>
        [.. code.Split('\n').Select(l => l.TrimEnd()).Where(l => UsingLine().IsMatch(l))];

    private sealed record CellContext(string Notebook, int Number, CompilationUnitSyntax Root, IReadOnlySet<string> TopLevel, List<string> Usings,
        StringBuilder Body, StringBuilder Types, Dictionary<string, int> Declared)
    {
        public AppExportException Error(string what) => new($"notebooks/{Notebook}.ipynb, cell {Number}: {what}");
    }

    /// <summary>A notebook cell: markdown (no root) or code, parsed, with the comments that replace its notebook-only lines.</summary>
    private sealed record ParsedCell(int Number, string Source, CompilationUnitSyntax? Root, string Preamble);

    private static List<ParsedCell> ParseCells(string notebook, List<(string Kind, string Source)> cells)
    {
        var parsed = new List<ParsedCell>();
        int number = 0;
        foreach (var (kind, source) in cells)
        {
            if (kind == "markdown")
            {
                parsed.Add(new ParsedCell(0, source, null, string.Empty));
            }
            else if (kind == "code")
            {
                number++;
                parsed.Add(ParseCode(notebook, number, source));
            }
        }

        return parsed;
    }

    private static ParsedCell ParseCode(string notebook, int number, string source)
    {
        var preamble = new StringBuilder();
        var code = new StringBuilder();
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed == "#!import setup.csx")
            {
                preamble.Append($"MultiLabel.Runtime.LessonApp.Start(\"{notebook}\");\n");
                code.Append('\n');
            }
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal) || trimmed.StartsWith("#r ", StringComparison.Ordinal))
            {
                preamble.Append("// (notebook only) ").Append(trimmed).Append('\n');
                code.Append('\n');
            }
            else
            {
                code.Append(line).Append('\n');
            }
        }

        var tree = CSharpSyntaxTree.ParseText(code.ToString(), ScriptOptions);
        var error = tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
        {
            throw new AppExportException($"notebooks/{notebook}.ipynb, cell {number}, line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: " +
                error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new ParsedCell(number, source, (CompilationUnitSyntax)tree.GetRoot(), preamble.ToString());
    }

    /// <summary>The names a cell declares at its top level (variables, functions, fields).</summary>
    private static IEnumerable<string> TopLevelNames(CompilationUnitSyntax root) => root.Members.SelectMany(NamesOf);

    /// <summary>The names one top-level member declares (variables, a function, fields, a method).</summary>
    private static IEnumerable<string> NamesOf(MemberDeclarationSyntax member) => member switch
    {
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration.Variables.Select(v => v.Identifier.Text),
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } => [function.Identifier.Text],
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text),
        MethodDeclarationSyntax method => [method.Identifier.Text],
        _ => [],
    };

    private static void ExportCell(CellContext cell)
    {
        var root = cell.Root;
        cell.Usings.AddRange(root.Usings.Select(u => u.ToString().Trim()));
        var members = root.Members;
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            switch (member)
            {
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } expression } when i == members.Count - 1:
                    cell.Body.Append(LeadingText(member)).Append(Shown(expression.Expression)).Append('\n');
                    break;
                case GlobalStatementSyntax statement:
                    Declare(cell, NamesOf(statement));
                    var renamed = new SortedSet<string>(StringComparer.Ordinal);
                    var exported = NestedLocalRenamer.Rename(statement.Statement, cell.TopLevel, cell.Number, renamed);
                    foreach (var old in renamed)
                    {
                        cell.Body.Append($"// (app) {old} is renamed {old}_{cell.Number} here: an app's cells share one scope\n");
                    }

                    cell.Body.Append(exported.ToFullString().TrimEnd()).Append('\n');
                    break;
                case FieldDeclarationSyntax field:
                    Declare(cell, NamesOf(field));
                    cell.Body.Append(WithoutAccessibility(field.Modifiers, field).ToFullString().TrimEnd()).Append('\n');
                    break;
                case MethodDeclarationSyntax method:
                    Declare(cell, NamesOf(method));
                    cell.Body.Append(WithoutAccessibility(method.Modifiers, method).ToFullString().TrimEnd()).Append('\n');
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    cell.Types.Append($"\n// from cell {cell.Number}\n").Append(member.ToFullString().Trim()).Append('\n');
                    break;
                default:
                    throw cell.Error($"a {member.Kind()} cannot be exported to an app");
            }
        }
    }

    /// <summary>A notebook shows a cell's trailing expression; the app shows it with Display (void calls just run).</summary>
    private static string Shown(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any()
            ? $"MultiLabel.Viz.Display.Show({expression.ToString().Trim()});"
            : $"MultiLabel.Runtime.LessonApp.Result(() => {expression.ToString().Trim()});";

    private static string LeadingText(SyntaxNode node) => node.GetLeadingTrivia().ToFullString();

    private static void Declare(CellContext cell, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (cell.Declared.TryGetValue(name, out var first))
            {
                throw cell.Error($"'{name}' is declared again (first in cell {first}); an app runs every cell in one scope, so give it a new name in the notebook");
            }

            cell.Declared[name] = cell.Number;
        }
    }

    private static MemberDeclarationSyntax WithoutAccessibility(SyntaxTokenList modifiers, MemberDeclarationSyntax member)
    {
        var kept = SyntaxFactory.TokenList(modifiers.Where(m => !m.IsKind(SyntaxKind.PublicKeyword) && !m.IsKind(SyntaxKind.PrivateKeyword)
            && !m.IsKind(SyntaxKind.InternalKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword)));
        return member.WithModifiers(kept);
    }

    private static List<(string Kind, string Source)> ReadCells(string notebookPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(notebookPath));
            var cells = new List<(string, string)>();
            foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
            {
                var source = cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } parts
                    ? string.Concat(parts.EnumerateArray().Select(p => p.GetString()))
                    : cell.GetProperty("source").GetString() ?? string.Empty;
                cells.Add((cell.GetProperty("cell_type").GetString() ?? string.Empty, source.Replace("\r\n", "\n", StringComparison.Ordinal)));
            }

            return cells;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AppExportException($"{notebookPath}: not a notebook ({e.Message})");
        }
    }

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+\.ipynb$")]
    private static partial Regex LessonName();

    [GeneratedRegex(@"^using (static )?[A-Za-z_][\w.]*;$")]
    private static partial Regex UsingLine();
}
