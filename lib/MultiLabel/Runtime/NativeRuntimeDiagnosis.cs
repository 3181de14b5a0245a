using System.Runtime.InteropServices;

namespace MultiLabel.Runtime;

/// <summary>
/// Why TorchSharp's native library cannot load on this machine, worked out from the files themselves rather than
/// from TorchSharp's exception (which, on Linux, blames a missing package when the real cause is an old libstdc++).
/// </summary>
/// <param name="NativeLibrary">The libLibTorchSharp.so that was inspected, or null when none was found.</param>
/// <param name="SystemLibStdCxx">The libstdc++.so.6 the dynamic loader would use, or null when none was found.</param>
/// <param name="Required">The highest GLIBCXX version the native library needs.</param>
/// <param name="Provided">The highest GLIBCXX version the system libstdc++ provides, or null.</param>
public sealed record NativeRuntimeDiagnosis(
    string? NativeLibrary,
    string? SystemLibStdCxx,
    GlibcxxVersion Required,
    GlibcxxVersion? Provided)
{
    /// <summary>True when the system libstdc++ is missing or too old for the native library.</summary>
    public bool LibStdCxxTooOld => Provided is null || Provided.Value < Required;

    /// <summary>The fix to show the user, for this operating system.</summary>
    public static string Fix =>
        "Run `bash scripts/setup.sh` from the course folder: on Debian 12 and Ubuntu 22.04 it installs a newer " +
        "libstdc++6 (Debian: `apt-get install -t trixie libstdc++6` with a low apt pin, see DEVELOPERS.md). " +
        "Other distributions: install the libstdc++ of GCC 13 or newer (Ubuntu 24.04 and Debian 13 ship it).";

    /// <summary>One clear message: what is missing, where it was looked for and how to fix it.</summary>
    public string Describe() =>
        $"TorchSharp cannot load its native library: {NativeLibrary ?? "libLibTorchSharp.so"} needs {Required}, " +
        (SystemLibStdCxx is null
            ? "but no libstdc++.so.6 was found on this system. "
            : $"but the system's {SystemLibStdCxx} provides only up to {Provided?.ToString() ?? "no GLIBCXX version"}. ") +
        Fix;

    /// <summary>Directories where the dynamic loader looks for libstdc++.so.6, most specific first.</summary>
    internal static IEnumerable<string> LibraryDirectories()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            foreach (var dir in fromEnv.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return dir;
            }
        }

        string triple = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        yield return $"/usr/lib/{triple}";
        yield return $"/lib/{triple}";
        yield return "/usr/lib64";
        yield return "/lib64";
        yield return "/usr/lib";
    }

    /// <summary>Finds the first libstdc++.so.6 in <paramref name="directories"/>, resolving links.</summary>
    internal static string? FindLibStdCxx(IEnumerable<string> directories)
    {
        foreach (var dir in directories)
        {
            var candidate = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(candidate))
            {
                var target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true);
                return target?.FullName ?? candidate;
            }
        }

        return null;
    }

    /// <summary>Where libLibTorchSharp.so may be: beside the app, in its runtimes folder, or in the NuGet package.</summary>
    internal static IEnumerable<string> NativeLibraryCandidates()
    {
        const string Name = "libLibTorchSharp.so";
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var roots = new List<string> { AppContext.BaseDirectory };
        var torchAssembly = typeof(TorchSharp.torch).Assembly.Location;
        if (!string.IsNullOrEmpty(torchAssembly))
        {
            var dir = Path.GetDirectoryName(torchAssembly)!;
            roots.Add(dir);
            roots.Add(Path.GetFullPath(Path.Combine(dir, "..", "..")));  // NuGet layout: lib/net8.0/TorchSharp.dll
        }

        foreach (var root in roots)
        {
            yield return Path.Combine(root, Name);
            yield return Path.Combine(root, "runtimes", rid, "native", Name);
        }
    }

    /// <summary>
    /// Inspects the given files. <paramref name="nativeLibrary"/> defaults to the requirement TorchSharp 0.107.0 is
    /// known to have when it cannot be read.
    /// </summary>
    public static NativeRuntimeDiagnosis Inspect(string? nativeLibrary, string? systemLibStdCxx)
    {
        var required = GlibcxxVersion.TorchSharpRequirement;
        if (nativeLibrary is not null && File.Exists(nativeLibrary))
        {
            var needs = GlibcxxVersion.ReadAll(nativeLibrary);
            if (needs.Count > 0)
            {
                required = needs.Max();
            }
        }

        GlibcxxVersion? provided = null;
        if (systemLibStdCxx is not null && File.Exists(systemLibStdCxx))
        {
            var has = GlibcxxVersion.ReadAll(systemLibStdCxx);
            provided = has.Count > 0 ? has.Max() : null;
        }

        return new NativeRuntimeDiagnosis(nativeLibrary, systemLibStdCxx, required, provided);
    }

    /// <summary>Inspects this machine (Linux only; elsewhere returns null).</summary>
    public static NativeRuntimeDiagnosis? InspectThisMachine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var native = NativeLibraryCandidates().FirstOrDefault(File.Exists);
        return Inspect(native, FindLibStdCxx(LibraryDirectories()));
    }
}
