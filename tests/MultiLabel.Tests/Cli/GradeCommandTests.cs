using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Grading.Reports;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Cli;

/// <summary>
/// <c>mlc release</c> and <c>mlc grade</c> on the command line: bad usage exits 2, grading exits 0 whatever the score,
/// <c>--json</c> prints the documented object. (Grading that runs learners' code is tested in tests/MultiLabelCourse.Grading.)
/// </summary>
public sealed class GradeCommandTests
{
    [Theory]
    [InlineData("grade")]
    [InlineData("grade", "a", "--class", "b")]
    [InlineData("grade", "/no/such/folder/anywhere")]
    [InlineData("grade", "--lms-csv", "x.csv", ".")]
    [InlineData("release")]
    public void Bad_usage_exits_2(params string[] args)
    {
        var (code, output) = InProcessMlc.Run(args);
        Assert.True(code == ExitCodes.Usage, $"mlc {string.Join(' ', args)} exited {code}:\n{output}");
    }

    [Fact]
    public void Release_writes_the_released_form_and_the_instructor_copy()
    {
        using var temp = new TempDir();
        Assert.Equal(ExitCodes.Ok, InProcessMlc.Run("release", "--notebooks", RepoPaths.Combine("notebooks"), "--out", temp.Combine("handout")).Code);
        Assert.Equal(ExitCodes.Ok, InProcessMlc.Run("release", "--solutions", "--notebooks", RepoPaths.Combine("notebooks"), "--out", temp.Combine("instructor")).Code);
        foreach (var lesson in Directory.GetFiles(RepoPaths.Combine("notebooks"), "0*.ipynb"))
        {
            var name = Path.GetFileName(lesson);
            Assert.Equal(File.ReadAllText(lesson), File.ReadAllText(temp.Combine("handout", name)));
            Assert.NotEqual(File.ReadAllText(lesson), File.ReadAllText(temp.Combine("instructor", name)));
        }

        Assert.True(File.Exists(temp.Combine("instructor", "setup.csx")));
        Assert.Equal(ExitCodes.Usage, InProcessMlc.Run("release", "--notebooks", RepoPaths.Combine("notebooks"), "--out", RepoPaths.Combine("notebooks")).Code);
    }

    [Fact]
    public void Grade_json_of_an_empty_folder_reports_every_exercise_not_found_and_exits_0()
    {
        using var temp = new TempDir();
        var (code, output, _) = InProcessMlc.RunSplit("grade", temp.Path, "--json", "--lessons", "00,01", "--notebooks", RepoPaths.Combine("notebooks"));
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("score").GetInt32());
        Assert.Equal(7, root.GetProperty("total").GetInt32());
        var exercises = root.GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal(["00.1", "00.2", "01.1", "01.2", "01.3"], exercises.Select(e => e.GetProperty("id").GetString()));
        foreach (var e in exercises)
        {
            Assert.Equal(["notebook", "id", "points", "earned", "status", "message", "seconds"], e.EnumerateObject().Select(p => p.Name));
            Assert.Equal("not_found", e.GetProperty("status").GetString());
            Assert.Contains("is not in the submission folder", e.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, GradeReportWriter.ReadJson(output).Score);
    }

    [Fact]
    public void Class_gradebook_of_learners_without_notebooks_writes_csv_html_and_lms_csv()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.Combine("class", "alice"));
        Directory.CreateDirectory(temp.Combine("class", "bob"));
        var (code, output) = InProcessMlc.Run("grade", "--class", temp.Combine("class"), "--lessons", "00", "--notebooks", RepoPaths.Combine("notebooks"), "--lms-csv", temp.Combine("lms.csv"));
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Equal("learner,00.1,00.2,total\nalice,0,0,0\nbob,0,0,0\n", File.ReadAllText(temp.Combine("class", "gradebook.csv")));
        Assert.Equal("Student,Lesson 00 (max 2),Total (max 2)\nalice,0,0\nbob,0,0\n", File.ReadAllText(temp.Combine("lms.csv")));
        var html = File.ReadAllText(temp.Combine("class", "gradebook.html"));
        Assert.Contains("2 x 00-setup.ipynb is not in the submission folder.", html, StringComparison.Ordinal);
    }
}
