using System.Text.RegularExpressions;
using System.Xml.Linq;
using MultiLabel.Notebooks.Tests.Support;
using MultiLabel.Tests.Support;

namespace MultiLabel.Notebooks.Tests;

/// <summary>Static checks of the committed notebooks: no outputs, pinned versions, setup cell, exercise markers, lesson shape.</summary>
public sealed partial class NotebookFormatTests
{
    private const string Placeholder = "throw new NotImplementedException();";

    public static TheoryData<string> Lessons => NotebookExecutionTests.Lessons;

    [Fact]
    public void The_course_has_lessons_00_to_04()
    {
        var names = NotebookFile.LessonPaths().Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var prefix in new[] { "00-", "01-", "02-", "03-", "04-" })
        {
            Assert.Contains(names, n => n!.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Notebook_is_committed_without_outputs(string name)
    {
        var notebook = NotebookFile.Load(RepoPaths.Combine("notebooks", name));
        var dirty = notebook.CodeCells.Where(c => c.OutputCount > 0 || c.HasExecutionCount).ToList();
        Assert.True(dirty.Count == 0, $"{name}: clear the outputs of {string.Join(", ", dirty)} before committing.");
        Assert.Equal(".net-csharp", notebook.Metadata.GetProperty("kernelspec").GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void First_code_cell_imports_the_shared_setup(string name)
    {
        var first = NotebookFile.Load(RepoPaths.Combine("notebooks", name)).CodeCells.First();
        Assert.Equal("#!import setup.csx", first.Source.Trim());
    }

    [Fact]
    public void Every_nuget_reference_pins_the_version_of_Directory_Packages_props()
    {
        var versions = CentralVersions();
        var files = Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").Concat(Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.csx"));
        int checkedLines = 0;
        foreach (var file in files)
        {
            var text = file.EndsWith(".ipynb", StringComparison.Ordinal)
                ? string.Join("\n", NotebookFile.Load(file).CodeCells.Select(c => c.Source))
                : File.ReadAllText(file);
            foreach (Match m in NugetLine().Matches(text))
            {
                var package = m.Groups["name"].Value.Trim();
                var version = m.Groups["version"].Success ? m.Groups["version"].Value.Trim() : null;
                Assert.True(version is not null, $"{Path.GetFileName(file)}: '#r \"nuget: {package}\"' has no version; pin the one in Directory.Packages.props.");
                Assert.True(versions.TryGetValue(package, out var expected), $"{Path.GetFileName(file)}: {package} is not in Directory.Packages.props.");
                Assert.True(expected == version, $"{Path.GetFileName(file)}: {package} {version}, but Directory.Packages.props has {expected}.");
                checkedLines++;
            }
        }

        Assert.True(checkedLines >= 1, "Expected the setup file to reference SixLabors.ImageSharp (TorchSharp's package is chosen by SetupBackendTests' code).");
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Exercise_cells_carry_id_points_marker_and_an_unsolved_region(string name)
    {
        var notebook = NotebookFile.Load(RepoPaths.Combine("notebooks", name));
        foreach (var cell in notebook.CodeCells)
        {
            bool hasMarker = cell.Source.Contains("// EXERCISE ", StringComparison.Ordinal);
            Assert.True(hasMarker == (cell.ExerciseId is not null), $"{name}, {cell}: an exercise cell needs both the '// EXERCISE id' comment and the exercise_id metadata.");
            if (cell.ExerciseId is not { } id)
            {
                Assert.DoesNotContain("// BEGIN SOLUTION", cell.Source, StringComparison.Ordinal);
                continue;
            }

            Assert.Matches(@"^\d\d\.\d+$", id);
            Assert.StartsWith(name[..2] + ".", id, StringComparison.Ordinal);
            Assert.True(cell.Points > 0, $"{name}, {cell}: metadata 'points' missing.");
            Assert.StartsWith($"// EXERCISE {id}", cell.Source.TrimStart(), StringComparison.Ordinal);
            var lines = cell.Source.Split('\n').Select(l => l.Trim()).ToList();
            int begin = lines.IndexOf("// BEGIN SOLUTION"), end = lines.IndexOf("// END SOLUTION");
            Assert.True(begin >= 0 && end == begin + 2 && lines[begin + 1] == Placeholder,
                $"{name}, {cell}: the committed (released) form holds exactly '{Placeholder}' between the solution markers.");
            Assert.Matches($@"Lesson{name[..2]}\.\w+\.Check\(", cell.Source);
        }
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Lesson_has_goals_summary_questionnaire_and_exercises(string name)
    {
        var notebook = NotebookFile.Load(RepoPaths.Combine("notebooks", name));
        var markdown = string.Join("\n", notebook.Cells.Where(c => c.Kind == "markdown").Select(c => c.Source));
        Assert.Contains("**Goals.**", notebook.Cells[0].Source, StringComparison.Ordinal);
        Assert.Contains("## Summary", markdown, StringComparison.Ordinal);
        Assert.Contains("## Questionnaire", markdown, StringComparison.Ordinal);
        Assert.Contains("<details>", markdown[markdown.IndexOf("## Questionnaire", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("## Further research", markdown, StringComparison.Ordinal);
        int exercises = notebook.CodeCells.Count(c => c.ExerciseId is not null);
        Assert.True(exercises >= (name.StartsWith("00", StringComparison.Ordinal) ? 2 : 3), $"{name} has {exercises} exercises.");
        if (string.CompareOrdinal(name, "02") >= 0)
        {
            // At least one exercise builds something that a later cell uses (the learner's answer when it passes).
            Assert.Contains(notebook.CodeCells, c => c.ExerciseId is null && c.Source.Contains(".AnswerOrModel(", StringComparison.Ordinal));
        }
    }

    internal static Dictionary<string, string> CentralVersions()
    {
        var props = XDocument.Load(RepoPaths.Combine("Directory.Packages.props"));
        var properties = props.Descendants("PropertyGroup").Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);
        return props.Descendants("PackageVersion").ToDictionary(
            e => (string)e.Attribute("Include")!,
            e => Regex.Replace((string)e.Attribute("Version")!, @"\$\((\w+)\)", m => properties[m.Groups[1].Value]),
            StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+)(,\s*(?<version>[^"]+))?"\s*$""", RegexOptions.Multiline)]
    private static partial Regex NugetLine();
}
