using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Exercises;

/// <summary>Progress survives a restart: it lives in a file, not in the process.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class ProgressTests
{
    [Fact]
    public void A_check_is_recorded_in_the_progress_file_and_a_new_store_reads_it_back()
    {
        using var dir = new TempDir();
        var path = dir.Combine("progress.json");
        var previous = Environment.GetEnvironmentVariable(ExerciseProgress.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ExerciseProgress.EnvironmentVariable, path);
        try
        {
            Lesson00.CountLabels.Evaluate(t => t.Count(v => v == 1f));
            Lesson00.LabelNames.Evaluate((t, n) => n);
            Assert.True(File.Exists(path));

            // A "restarted kernel": nothing in memory, only the file.
            var reread = new ExerciseProgress(path).Read();
            Assert.Equal("passed", reread["00.1"].Status);
            Assert.Equal("failed", reread["00.2"].Status);
            var table = ExerciseCatalog.Progress("00", new ExerciseProgress(path));
            Assert.Equal("Lesson 00: 1 of 2 points", table.Title);
            Assert.Equal(["00.1", "Count the labels in a multi-hot target", "1", "passed"], table.Rows[0].Take(4));
            Assert.Equal("failed", table.Rows[1][3]);
            Assert.Equal(ExerciseCatalog.Progress("00").Title, table.Title);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ExerciseProgress.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void Not_attempted_does_not_erase_an_earlier_result_but_a_new_result_replaces_it()
    {
        using var dir = new TempDir();
        var store = new ExerciseProgress(dir.Combine("sub", "progress.json"));
        var passed = new CheckResult("02.1", "t", 2, CheckStatus.Passed, "ok");
        Assert.True(store.Record(new CheckResult("02.1", "t", 2, CheckStatus.NotAttempted, "-")));
        Assert.True(store.Record(passed));
        Assert.False(store.Record(new CheckResult("02.1", "t", 2, CheckStatus.NotAttempted, "-")));
        Assert.Equal("passed", store.Read()["02.1"].Status);
        Assert.True(store.Record(new CheckResult("02.1", "t", 2, CheckStatus.Failed, "no")));
        Assert.Equal("failed", store.Read()["02.1"].Status);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(store.Path)!, "*.tmp"));
    }

    [Fact]
    public void A_missing_or_corrupt_file_reads_as_no_progress()
    {
        using var dir = new TempDir();
        Assert.Empty(new ExerciseProgress(dir.Combine("none.json")).Read());
        File.WriteAllText(dir.Combine("bad.json"), "{ not json");
        var store = new ExerciseProgress(dir.Combine("bad.json"));
        Assert.Empty(store.Read());
        Assert.True(store.Record(new CheckResult("00.1", "t", 1, CheckStatus.Passed, "ok")));
        Assert.Single(store.Read());
    }

    [Fact]
    public void The_default_file_is_named_by_the_environment_variable_or_lies_in_the_user_data_folder()
    {
        Assert.Equal(ProgressIsolation.FilePath, ExerciseProgress.DefaultPath());
        var previous = Environment.GetEnvironmentVariable(ExerciseProgress.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ExerciseProgress.EnvironmentVariable, null);
        try
        {
            var path = ExerciseProgress.DefaultPath();
            Assert.EndsWith(Path.Combine("mlc", "progress.json"), path, StringComparison.Ordinal);
            Assert.StartsWith(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), path, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ExerciseProgress.EnvironmentVariable, previous);
        }
    }
}
