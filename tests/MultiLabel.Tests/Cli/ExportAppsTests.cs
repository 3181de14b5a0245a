using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Cli.Apps;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

/// <summary>
/// <c>mlc export-apps</c>: the committed apps/ are a fresh export of notebooks/, and the exporter turns notebook
/// cells into one valid program (trailing values shown, usings hoisted, types moved to the end, nested locals that
/// a notebook allows renamed) or names the cell it cannot export. scripts/run-apps.sh (CI) runs every app.
/// </summary>
public sealed class ExportAppsTests
{
    private static readonly string[] SetupUsings = ["using MultiLabel.Viz;"];
    private static readonly System.Text.RegularExpressions.Regex Placeholder = new(@"^\s*throw new NotImplementedException\(\);\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);

    [Fact]
    public void Committed_apps_equal_a_fresh_export_of_the_notebooks()
    {
        var apps = NotebookAppExporter.ExportAll(RepoPaths.Combine("notebooks"));
        var lessons = Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").Count(p => char.IsAsciiDigit(Path.GetFileName(p)[0]));
        Assert.Equal(lessons, apps.Count);
        foreach (var app in apps)
        {
            var path = RepoPaths.Combine("apps", app.AppFile);
            Assert.True(File.Exists(path), $"{path} is missing: run `mlc export-apps` and commit apps/.");
            Assert.True(File.ReadAllText(path) == app.Source, $"{path} differs from a fresh export of {app.Notebook}: run `mlc export-apps` and commit apps/.");
        }

        var committed = Directory.GetFiles(RepoPaths.Combine("apps"), "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(apps.Select(a => a.AppFile).Order(StringComparer.Ordinal), committed);
    }

    [Fact]
    public void Cells_become_one_program_in_notebook_order()
    {
        using var dir = new TempDir();
        var source = Export(dir,
            ("markdown", "# Title\n\nSome *prose*."),
            ("code", "#!import setup.csx"),
            ("code", "using System.Text;\nvar x = 2;\nint Twice(int v) => 2 * v;\nTwice(x)"),
            ("code", "#!time\nclass Point { public int X; }\nvar p = new Point { X = x };\nawait Task.Delay(1);\nawait Task.FromResult(p.X)"),
            ("code", "Console.WriteLine(x)"));

        Assert.Contains("// # Title\n//\n// Some *prose*.", source, StringComparison.Ordinal);
        Assert.Contains("MultiLabel.Runtime.LessonApp.Start(\"07-demo\");", source, StringComparison.Ordinal);
        Assert.Contains("MultiLabel.Runtime.LessonApp.Result(() => Twice(x));", source, StringComparison.Ordinal);
        Assert.Contains("MultiLabel.Viz.Display.Show(await Task.FromResult(p.X));", source, StringComparison.Ordinal);
        Assert.Contains("MultiLabel.Runtime.LessonApp.Result(() => Console.WriteLine(x));", source, StringComparison.Ordinal);
        Assert.Contains("// (notebook only) #!time", source, StringComparison.Ordinal);
        int usings = source.IndexOf("using System.Text;", StringComparison.Ordinal);
        Assert.True(usings > 0 && usings < source.IndexOf("// # Title", StringComparison.Ordinal), "usings go before the first statement");
        Assert.True(source.IndexOf("class Point", StringComparison.Ordinal) > source.IndexOf("Console.WriteLine(x)", StringComparison.Ordinal), "types go after the statements");
        Assert.True(source.IndexOf("// ---- cell 2 ----", StringComparison.Ordinal) < source.IndexOf("// ---- cell 3 ----", StringComparison.Ordinal));
        Assert.StartsWith("// Lesson 07-demo as a .NET file-based app", source, StringComparison.Ordinal);
        Assert.Contains("#:project ../lib/MultiLabel/MultiLabel.csproj\n", source, StringComparison.Ordinal);
        // bug: every app build copied about 1 GB of libtorch (CI ran out of disk after 16 builds); it links them now
        Assert.Contains("#:property CreateHardLinksForCopyLocalIfPossible=true\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_local_that_a_notebook_allows_is_renamed_and_named_arguments_are_kept()
    {
        using var dir = new TempDir();
        var source = Export(dir,
            ("code", "var generator = 1;"),
            ("code", "foreach (var i in new[] { 1, 2 })\n{\n    var generator = i * 2;\n    Use(generator: generator, other: generator);\n    Console.WriteLine(generator.ToString());\n}"),
            ("code", "void Use(int generator, int other) { var local = generator; }"));

        Assert.Contains("var generator_2 = i * 2;", source, StringComparison.Ordinal);
        Assert.Contains("Use(generator: generator_2, other: generator_2);", source, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(generator_2.ToString());", source, StringComparison.Ordinal);
        Assert.Contains("// (app) generator is renamed generator_2 here", source, StringComparison.Ordinal);
        Assert.Contains("var generator = 1;", source, StringComparison.Ordinal);
        Assert.Contains("void Use(int generator, int other) { var local = generator; }", source, StringComparison.Ordinal); // a local function may shadow
    }

    [Fact]
    public void A_variable_declared_again_at_the_top_level_is_an_error_naming_both_cells()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<AppExportException>(() => Export(dir, ("code", "var a = 1;"), ("markdown", "text"), ("code", "var b = 2;\nvar a = 3;")));
        Assert.Contains("07-demo.ipynb, cell 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a' is declared again (first in cell 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_that_does_not_parse_is_named_with_its_line()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<AppExportException>(() => Export(dir, ("code", "var a = 1;"), ("code", "var b = 2;\nvar c = (;")));
        Assert.Contains("07-demo.ipynb, cell 2, line 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_is_named()
    {
        using var dir = new TempDir();
        var path = dir.Combine("07-demo.ipynb");
        File.WriteAllText(path, "{ \"cells\": [ { \"cell_type\": ");
        var error = Assert.Throws<AppExportException>(() => NotebookAppExporter.Export(path, SetupUsings));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a notebook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_solutions_copy_fills_every_exercise_region_and_check_reports_stale_apps()
    {
        using var dir = new TempDir();
        var notebooks = dir.Combine("notebooks");
        Directory.CreateDirectory(notebooks);
        File.Copy(RepoPaths.Combine("notebooks", "setup-library.csx"), Path.Combine(notebooks, "setup-library.csx"));
        File.Copy(RepoPaths.Combine("notebooks", "00-setup.ipynb"), Path.Combine(notebooks, "00-setup.ipynb"));

        var (code, output) = InProcessMlc.Run("export-apps", "--notebooks", notebooks);
        Assert.True(code == ExitCodes.Ok, output);
        var app = dir.Combine("apps", "00-setup.cs");
        Assert.Matches(Placeholder, File.ReadAllText(app));
        Assert.Equal(ExitCodes.Ok, InProcessMlc.Run("export-apps", "--notebooks", notebooks, "--check").Code);

        File.AppendAllText(app, "// edited by hand\n");
        (code, output) = InProcessMlc.Run("export-apps", "--notebooks", notebooks, "--check");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("differs", output, StringComparison.Ordinal);

        (code, output) = InProcessMlc.Run("export-apps", "--notebooks", notebooks, "--solutions");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--out", output, StringComparison.Ordinal);

        var solved = dir.Combine("solved");
        Assert.Equal(ExitCodes.Ok, InProcessMlc.Run("export-apps", "--notebooks", notebooks, "--solutions", "--out", solved).Code);
        var solvedSource = File.ReadAllText(Path.Combine(solved, "00-setup.cs"));
        Assert.DoesNotMatch(Placeholder, solvedSource);
        Assert.Contains(MultiLabel.Exercises.ExerciseCatalog.Get("00.1").SolutionCode.Split('\n')[0].Trim(), solvedSource, StringComparison.Ordinal);
        Assert.Contains("#:project ../lib/MultiLabel/MultiLabel.csproj", solvedSource, StringComparison.Ordinal);
    }

    private static string Export(TempDir dir, params (string Kind, string Source)[] cells)
    {
        var path = dir.Combine("07-demo.ipynb");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            cells = cells.Select(c => new { cell_type = c.Kind, metadata = new { }, source = SplitLines(c.Source) }),
            metadata = new { },
            nbformat = 4,
            nbformat_minor = 5,
        }));
        return NotebookAppExporter.Export(path, SetupUsings).Source;
    }

    private static string[] SplitLines(string text)
    {
        var lines = text.Split('\n');
        return [.. lines.Select((l, i) => i < lines.Length - 1 ? l + "\n" : l)];
    }
}
