using MultiLabel.Diagnostics;

namespace MultiLabel.Tests.Diagnostics;

/// <summary>CourseCli finds the checkout's mlc build for each backend and reports what a run printed, failures included.</summary>
public sealed class CourseCliTests
{
    [Fact]
    public void DllPath_is_the_Release_build_of_the_backend()
    {
        var course = Path.Combine(Path.GetTempPath(), "course");
        Assert.Equal(Path.Combine(course, "lib", "MultiLabel.Cli", "bin", "Release", "net10.0", "mlc.dll"), CourseCli.DllPath(course, "cpu"));
        Assert.Equal(Path.Combine(course, "lib", "MultiLabel.Cli", "bin", "cuda-linux", "Release", "net10.0", "mlc.dll"), CourseCli.DllPath(course, "cuda-linux"));
    }

    [Fact]
    public void Run_returns_a_failing_command_with_its_exit_code_and_message()
    {
        var run = CourseCli.Run("evaluate", "--labels", "only-labels.csv");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--scores", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.True(run.Seconds > 0);
    }
}
