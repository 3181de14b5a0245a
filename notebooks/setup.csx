// MultiLabelCourse notebook set-up. The first cell of every lesson runs it with `#!import setup.csx`; running it
// again is harmless. It loads the pinned packages and the course library (setup-library.csx), and connects the
// library's display (charts, image grids, tensor tables, exercise results) to this notebook.
//
// Before the first notebook, build the library once, from the repository root:
//     dotnet build lib/MultiLabel -c Release
//
// GPU (Windows or Linux with an NVIDIA driver): set the environment variable TorchBackend, the same switch the
// build reads (`dotnet build -p:TorchBackend=...` or the variable), before VS Code or Jupyter starts the kernel:
//     TorchBackend=cuda-windows   (Windows)   or   TorchBackend=cuda-linux   (Linux)      default: cpu
// then build the library with the same value, restart the kernel and run the notebook from the top. The first restore
// downloads several GB. (The CUDA packages are not tested in CI.) Nothing in this file needs editing.
#r "nuget: SixLabors.ImageSharp, 2.1.13"

/// <summary>Which TorchSharp package and which build of the course library the notebook loads.</summary>
static class CourseBackend
{
    /// <summary>The TorchSharp version every package is pinned to (Directory.Packages.props: TorchSharpVersion).</summary>
    public const string TorchSharpVersion = "0.107.0";

    /// <summary>The environment variable that chooses the backend, as for the build.</summary>
    public const string Variable = "TorchBackend";

    /// <summary>The chosen backend: the variable's value, cpu when it is not set.</summary>
    public static string Chosen => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value.Trim() : "cpu";

    /// <summary>The TorchSharp package of <paramref name="backend"/>.</summary>
    public static string Package(string backend) => backend switch
    {
        "cpu" => "TorchSharp-cpu",
        "cuda-windows" => "TorchSharp-cuda-windows",
        "cuda-linux" => "TorchSharp-cuda-linux",
        _ => throw new ArgumentException($"{Variable}={backend} is unknown: use cpu, cuda-windows or cuda-linux (the values the build takes), then restart the kernel."),
    };

    /// <summary>The course library that <c>dotnet build lib/MultiLabel -c Release</c> makes for <paramref name="backend"/>.</summary>
    public static string LibraryPath(string backend) => backend == "cpu"
        ? "../lib/MultiLabel/bin/Release/net10.0/MultiLabel.dll"
        : $"../lib/MultiLabel/bin/{backend}/Release/net10.0/MultiLabel.dll";

    /// <summary>The directive that loads <paramref name="backend"/>'s TorchSharp package.</summary>
    public static string PackageDirective(string backend) => $"#r \"nuget: {Package(backend)}, {TorchSharpVersion}\"";

    /// <summary>The <c>using</c> lines of a set-up file (top-level directives, not <c>using (...)</c> statements).</summary>
    public static string UsingLines(string code) =>
        string.Join("\n", code.Split('\n').Select(l => l.TrimEnd()).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^using (static )?[A-Za-z_][\w.]*;$")));

    /// <summary>Loads the package and the course library of <paramref name="backend"/> into this kernel, then runs setup-library.csx.</summary>
    public static async System.Threading.Tasks.Task LoadAsync(string backend)
    {
        var library = LibraryPath(backend);
        if (!System.IO.File.Exists(library))
        {
            throw new System.IO.FileNotFoundException($"The course library is not built for {Variable}={backend}: {System.IO.Path.GetFullPath(library)} is missing. " +
                $"From the repository root run: dotnet build lib/MultiLabel -c Release{(backend == "cpu" ? "" : " -p:TorchBackend=" + backend)}, then restart the kernel.");
        }

        if (!System.IO.File.Exists("setup-library.csx"))
        {
            throw new System.IO.FileNotFoundException($"setup-library.csx is not in the kernel's working folder {System.IO.Directory.GetCurrentDirectory()}: open the notebook from the course's notebooks/ folder.");
        }

        // A package reference belongs to the kernel, so it outlives this cell; so does the library reference added here.
        var csharp = Microsoft.DotNet.Interactive.KernelInvocationContext.Current?.HandlingKernel as Microsoft.DotNet.Interactive.CSharp.CSharpKernel
            ?? throw new InvalidOperationException("setup.csx runs in a .NET Interactive C# kernel: import it with #!import setup.csx in a C# cell.");
        await SubmitAsync(PackageDirective(backend), $"loading {Package(backend)} {TorchSharpVersion}");
        csharp.AddAssemblyReferences([System.IO.Path.GetFullPath(library)]);

        // The rest of the set-up uses TorchSharp, so it is compiled now that TorchSharp is loaded. What it declares stays
        // in its own submission; its namespaces are opened for the lesson's cells by a command that runs before the next.
        var code = System.IO.File.ReadAllText("setup-library.csx");
        await SubmitAsync(code, "setup-library.csx");
        csharp.DeferCommand(new Microsoft.DotNet.Interactive.Commands.SubmitCode(UsingLines(code)));
    }

    /// <summary>Runs <paramref name="code"/> in the notebook's C# kernel and fails with its errors.</summary>
    public static async System.Threading.Tasks.Task SubmitAsync(string code, string what)
    {
        var result = await Microsoft.DotNet.Interactive.Kernel.Root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode(code, "csharp"));
        var failures = result.Events.OfType<Microsoft.DotNet.Interactive.Events.CommandFailed>().Select(f => f.Message).ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Set-up: {what} failed: {string.Join(" ", failures)}");
        }
    }
}


// The package and library are chosen at run time, so the part of the set-up that uses TorchSharp (setup-library.csx)
// is compiled after they are loaded.
await CourseBackend.LoadAsync(CourseBackend.Chosen);
