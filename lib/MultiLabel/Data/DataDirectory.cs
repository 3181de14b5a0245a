namespace MultiLabel.Data;

/// <summary>
/// Where downloaded and generated data is cached: an explicit folder (a <c>--data-dir</c> or <c>--cache-dir</c>
/// option), else the <c>MLC_DATA_DIR</c> environment variable, else <c>$XDG_CACHE_HOME/mlc</c>, else
/// <c>~/.cache/mlc</c> (<c>%LOCALAPPDATA%\mlc</c> on Windows).
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable that moves the cache.</summary>
    public const string EnvironmentVariable = "MLC_DATA_DIR";

    /// <summary>The cache folder (full path; not created).</summary>
    public static string Resolve(string? explicitFolder = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            return Path.GetFullPath(explicitFolder);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mlc");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return !string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(xdg, "mlc")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "mlc");
    }
}
