using System.Reflection;
using TorchSharp;

namespace MultiLabel.Runtime;

/// <summary>
/// Lets a process that loaded TorchSharp from the NuGet package folder (a notebook kernel: <c>#r "nuget: ..."</c>)
/// find TorchVision.dll, which this library references but which a plain library build does not copy: the package
/// folder holds it next to TorchSharp's, at <c>torchvision/{version}/lib/net8.0/</c>. Applications and tests that
/// reference the package directly never need it. Call <see cref="EnsureResolvable"/> before the first method that
/// uses a torchvision type is compiled.
/// Taught in notebooks/05-data-and-augmentation.ipynb.
/// </summary>
public static class TorchVisionAssembly
{
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Installs (once) a resolver that finds TorchVision.dll in the package folder TorchSharp came from.</summary>
    public static void EnsureResolvable()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            installed = true;
        }
    }

    /// <summary>Where TorchVision.dll of <paramref name="version"/> lies beside a TorchSharp.dll at <paramref name="torchSharpPath"/> in a NuGet package folder, or null.</summary>
    public static string? Candidate(string torchSharpPath, Version version)
    {
        ArgumentNullException.ThrowIfNull(torchSharpPath);
        ArgumentNullException.ThrowIfNull(version);

        // <packages>/torchsharp/<version>/lib/<tfm>/TorchSharp.dll -> <packages>/torchvision/<version>/lib/net8.0/TorchVision.dll
        var framework = Path.GetDirectoryName(torchSharpPath);
        var packages = framework is null ? null : Directory.GetParent(framework)?.Parent?.Parent?.Parent?.FullName;
        if (packages is null)
        {
            return null;
        }

        var text = FormattableString.Invariant($"{version.Major}.{version.Minor}.{version.Build}");
        var path = Path.Combine(packages, "torchvision", text, "lib", "net8.0", "TorchVision.dll");
        return File.Exists(path) ? path : null;
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        if (!string.Equals(name.Name, "TorchVision", StringComparison.Ordinal) || name.Version is null)
        {
            return null;
        }

        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "TorchVision");
        if (loaded is not null)
        {
            return loaded;
        }

        var path = Candidate(typeof(torch).Assembly.Location, name.Version);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
