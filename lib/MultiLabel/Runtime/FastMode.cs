namespace MultiLabel.Runtime;

/// <summary>
/// Fast mode: with the environment variable <c>MLC_FAST=1</c> the notebooks shrink their data and epochs so that
/// every notebook executes in seconds on a CPU (the notebook tests and CI set it); without it their numbers are
/// meaningful. Notebooks ask <see cref="Choose{T}"/> for every size that fast mode shrinks.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public static class FastMode
{
    /// <summary>The environment variable that switches fast mode on ("1", "true", "yes" or "on").</summary>
    public const string VariableName = "MLC_FAST";

    /// <summary>True when fast mode is on (read from the environment on every call).</summary>
    public static bool IsEnabled => IsOn(Environment.GetEnvironmentVariable(VariableName));

    /// <summary><paramref name="fast"/> in fast mode, otherwise <paramref name="normal"/>.</summary>
    public static T Choose<T>(T normal, T fast) => IsEnabled ? fast : normal;

    /// <summary>Whether a value of the variable means "on".</summary>
    public static bool IsOn(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
