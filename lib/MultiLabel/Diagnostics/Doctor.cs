namespace MultiLabel.Diagnostics;

/// <summary>Where <see cref="Doctor.Run"/> looks.</summary>
/// <param name="CourseRoot">The course folder (default: found from the current folder; checks of its files are skipped when there is none).</param>
/// <param name="CacheDirectory">The data cache (default: $MLC_DATA_DIR, else ~/.cache/mlc).</param>
public sealed record DoctorOptions(string? CourseRoot = null, string? CacheDirectory = null);

/// <summary>
/// Checks this machine for the course: operating system, .NET SDK, the native runtime (libstdc++), TorchSharp and
/// libtorch, the backend and CUDA devices, the notebook kernel (dotnet-interactive tool and the local-only Jupyter
/// kernel spec), the data cache and its downloads, and whether the lesson library build is current. Each check that
/// is not fine says how to fix it. <c>mlc doctor</c> prints it; lesson 00 shows the same report.
/// Taught in notebooks/00-setup.ipynb.
/// </summary>
public static class Doctor
{
    /// <summary>Runs every check (a few seconds at most: external commands have a time limit).</summary>
    public static HealthReport Run(DoctorOptions? options = null)
    {
        options ??= new DoctorOptions();
        var root = options.CourseRoot ?? CourseFolder.Find();
        var checks = new List<HealthCheck>();
        checks.AddRange(SystemChecks.Run(root));
        checks.AddRange(TorchChecks.Run());
        checks.AddRange(NotebookChecks.Run(root));
        checks.AddRange(DataChecks.Run(options.CacheDirectory));
        return new HealthReport(checks);
    }
}
