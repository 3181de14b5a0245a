using System.Runtime.CompilerServices;
using MultiLabel.Exercises;

namespace MultiLabel.Tests.Support;

/// <summary>Every exercise check records its result; in this test assembly it goes to a temporary file, never to the user's progress.</summary>
internal static class ProgressIsolation
{
    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), "mlc-tests", $"progress-{Environment.ProcessId}.json");

#pragma warning disable CA2255 // A test assembly sets its environment once, before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate() => Environment.SetEnvironmentVariable(ExerciseProgress.EnvironmentVariable, FilePath);
}
