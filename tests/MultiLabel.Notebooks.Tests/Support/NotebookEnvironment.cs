namespace MultiLabel.Notebooks.Tests.Support;

/// <summary>The environment every notebook test runs its lessons in.</summary>
internal static class NotebookEnvironment
{
    /// <summary>
    /// Fast mode (<c>MLC_FAST=1</c>: small data, few epochs), and checks that record their results in a temporary
    /// progress file, never in the developer's own.
    /// </summary>
    public static void Use()
    {
        Environment.SetEnvironmentVariable("MLC_FAST", "1");
        Environment.SetEnvironmentVariable("MLC_PROGRESS_FILE", Path.Combine(Path.GetTempPath(), "mlc-tests", $"notebook-progress-{Environment.ProcessId}.json"));
    }
}
