using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using MultiLabel.Tests.Support;

namespace MultiLabel.Notebooks.Tests;

/// <summary>
/// setup.csx follows the build's backend switch, the environment variable TorchBackend: each value loads the package
/// Directory.Build.props picks for it, at the version Directory.Packages.props pins, and the library build of the
/// same value. The tests run setup.csx's own CourseBackend class in a C# kernel.
/// </summary>
public sealed class SetupBackendTests
{
    public static TheoryData<string> Backends => ["cpu", "cuda-windows", "cuda-linux"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Each_backend_value_loads_the_package_and_library_build_the_build_uses_for_it(string backend)
    {
        using var kernel = await KernelWithCourseBackend();
        var package = BuildPackages()[backend];
        var version = NotebookFormatTests.CentralVersions()[package];

        Assert.Equal($"#r \"nuget: {package}, {version}\"", await Evaluate<string>(kernel, $"CourseBackend.PackageDirective(\"{backend}\")"));
        var expectedLibrary = backend == "cpu" ? "../lib/MultiLabel/bin/Release/net10.0/MultiLabel.dll" : $"../lib/MultiLabel/bin/{backend}/Release/net10.0/MultiLabel.dll";
        Assert.Equal(expectedLibrary, await Evaluate<string>(kernel, $"CourseBackend.LibraryPath(\"{backend}\")"));
    }

    [Fact]
    public async Task The_variable_chooses_the_backend_and_cpu_is_the_default()
    {
        using var kernel = await KernelWithCourseBackend();
        var previous = Environment.GetEnvironmentVariable("TorchBackend");
        try
        {
            Environment.SetEnvironmentVariable("TorchBackend", null);
            Assert.Equal("cpu", await Evaluate<string>(kernel, "CourseBackend.Chosen"));
            Environment.SetEnvironmentVariable("TorchBackend", " cuda-linux ");
            Assert.Equal("cuda-linux", await Evaluate<string>(kernel, "CourseBackend.Chosen"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TorchBackend", previous);
        }
    }

    [Fact]
    public async Task An_unknown_value_fails_with_the_values_it_takes()
    {
        using var kernel = await KernelWithCourseBackend();
        var result = await kernel.SendAsync(new SubmitCode("CourseBackend.Package(\"cuda\")"));
        var failure = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.Contains("TorchBackend=cuda is unknown: use cpu, cuda-windows or cuda-linux", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_setup_file_names_the_same_backends_and_version_as_the_build()
    {
        var setup = File.ReadAllText(RepoPaths.Combine("notebooks", "setup.csx"));
        var named = Regex.Matches(setup, "\"(?<backend>[a-z-]+)\" => \"(?<package>TorchSharp-[a-z-]+)\"").ToDictionary(m => m.Groups["backend"].Value, m => m.Groups["package"].Value);
        Assert.Equal(BuildPackages().OrderBy(p => p.Key), named.OrderBy(p => p.Key));
        var version = Regex.Match(setup, "TorchSharpVersion = \"(?<v>[^\"]+)\"").Groups["v"].Value;
        Assert.Equal(NotebookFormatTests.CentralVersions()["TorchSharp"], version);
    }

    /// <summary>Backend value to package, as Directory.Build.props maps them.</summary>
    private static Dictionary<string, string> BuildPackages()
    {
        var props = XDocument.Load(RepoPaths.Combine("Directory.Build.props"));
        return props.Descendants("TorchPackage")
            .Select(e => (Backend: Regex.Match((string)e.Attribute("Condition")!, "== '(?<b>[a-z-]+)'").Groups["b"].Value, Package: e.Value))
            .ToDictionary(p => p.Backend, p => p.Package);
    }

    private static async Task<CSharpKernel> KernelWithCourseBackend()
    {
        var setup = File.ReadAllText(RepoPaths.Combine("notebooks", "setup.csx"));
        var start = setup.IndexOf("static class CourseBackend", StringComparison.Ordinal);
        var end = setup.IndexOf("\n}\n", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "setup.csx no longer declares 'static class CourseBackend { ... }'.");
        var kernel = new CSharpKernel();
        var result = await kernel.SendAsync(new SubmitCode(setup[start..(end + 2)]));
        Assert.Empty(result.Events.OfType<CommandFailed>().Select(f => f.Message));
        return kernel;
    }

    private static async Task<T> Evaluate<T>(CSharpKernel kernel, string expression)
    {
        var result = await kernel.SendAsync(new SubmitCode($"var __value = {expression};"));
        Assert.Empty(result.Events.OfType<CommandFailed>().Select(f => f.Message));
        Assert.True(kernel.TryGetValue<T>("__value", out var value));
        return value!;
    }
}
