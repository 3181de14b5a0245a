using System.Diagnostics;

namespace MultiLabel.Grading.Engine;

/// <summary>What the OS offers to isolate the child: a network namespace without network (<c>unshare -n</c>, Linux).</summary>
public static class Sandbox
{
    private static readonly Lazy<bool> Unshare = new(Probe);

    /// <summary>True when <c>unshare -n true</c> works here (root or unprivileged user namespaces).</summary>
    public static bool CanUnshareNetwork() => Unshare.Value;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-n", "true"]) { RedirectStandardError = true, UseShellExecute = false });
            if (probe is null)
            {
                return false;
            }

            probe.WaitForExit(5000);
            return probe.HasExited && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
