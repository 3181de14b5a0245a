using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Setup;

/// <summary>
/// scripts/setup.sh (Linux, macOS, the dev container, CI) and scripts/setup.ps1 (PowerShell 7, for Windows learners)
/// do the same set-up: they must name the same tools, versions, backends and kernel spec. CI also runs setup.ps1 with
/// pwsh (.ci/run); here the scripts are compared as text, which is what keeps them from drifting.
/// </summary>
public sealed partial class SetupScriptTests
{
    private static string Script(string name) => File.ReadAllText(RepoPaths.Combine("scripts", name));

    [Fact]
    public void Both_scripts_write_the_same_local_only_kernel_spec()
    {
        var sh = JsonNode.Parse(ShellSpec().Match(Script("setup.sh")).Groups["json"].Value)!;
        var ps = JsonNode.Parse(PowerShellSpec().Match(Script("setup.ps1")).Groups["json"].Value)!;
        Assert.True(JsonNode.DeepEquals(sh, ps), $"setup.sh writes\n{sh}\nsetup.ps1 writes\n{ps}");
        var argv = sh["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter"], argv.Take(6));
        Assert.Contains("--http-local-only", argv);
        Assert.Equal("{connection_file}", argv[^1]);
    }

    [Fact]
    public void The_kernel_spec_is_the_one_every_lesson_names()
    {
        foreach (var lesson in Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(lesson));
            var spec = doc.RootElement.GetProperty("metadata").GetProperty("kernelspec");
            Assert.Equal(".net-csharp", spec.GetProperty("name").GetString());
            Assert.Equal(".NET (C#)", spec.GetProperty("display_name").GetString());
        }

        Assert.Contains("kernels/.net-csharp", Script("setup.sh"), StringComparison.Ordinal);
        Assert.Contains("'.net-csharp'", Script("setup.ps1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_scripts_restore_the_pinned_local_tools()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine(".config", "dotnet-tools.json")));
        var version = manifest.RootElement.GetProperty("tools").GetProperty("microsoft.dotnet-interactive").GetProperty("version").GetString()!;
        foreach (var name in new[] { "setup.sh", "setup.ps1" })
        {
            Assert.Contains("dotnet tool restore", Script(name), StringComparison.Ordinal);
            Assert.Contains("dotnet tool run dotnet-interactive", Script(name), StringComparison.Ordinal);
        }

        Assert.Contains(version, Script("setup.ps1"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_powershell_script_takes_the_builds_backends_and_torchsharp_version()
    {
        var ps = Script("setup.ps1");
        var props = XDocument.Load(RepoPaths.Combine("Directory.Build.props"));
        var packages = props.Descendants("TorchPackage")
            .ToDictionary(e => Regex.Match((string)e.Attribute("Condition")!, "== '(?<b>[a-z-]+)'").Groups["b"].Value, e => e.Value);
        var validated = Regex.Match(ps, @"ValidateSet\((?<set>[^)]*)\)").Groups["set"].Value.Split(',').Select(v => v.Trim().Trim('\'')).ToList();
        Assert.Equal(packages.Keys.Order(), validated.Order());
        foreach (var (backend, package) in packages)
        {
            Assert.Contains($"'{backend}' = '{package}'", ps, StringComparison.Ordinal);
        }

        var central = XDocument.Load(RepoPaths.Combine("Directory.Packages.props")).Descendants("TorchSharpVersion").Single().Value;
        Assert.Equal(central, Regex.Match(ps, @"\$TorchSharpVersion = '(?<v>[^']+)'").Groups["v"].Value);
    }

    [Fact]
    public void Both_scripts_need_the_same_native_runtime_and_driver_as_the_docs_say()
    {
        var required = Regex.Match(Script("setup.sh"), "REQUIRED=(?<r>GLIBCXX_[0-9.]+)").Groups["r"].Value;
        Assert.Equal("GLIBCXX_3.4.32", required);
        Assert.Contains(required, Script("setup.ps1"), StringComparison.Ordinal);
        Assert.Contains("setup.sh') --check", Script("setup.ps1"), StringComparison.Ordinal); // on Linux it asks setup.sh

        var containers = File.ReadAllText(RepoPaths.Combine(".devcontainer", "README.md"));
        foreach (Match m in Regex.Matches(Script("setup.ps1"), @"'(?<backend>cuda-[a-z]+)' = \[version\]'(?<v>[0-9.]+)'"))
        {
            Assert.Contains(m.Groups["v"].Value, containers, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_scripts_offer_the_same_jupyter_options()
    {
        var sh = Script("setup.sh");
        var ps = Script("setup.ps1");
        foreach (var (shell, power) in new[] { ("--check", "$Check"), ("--jupyter", "$Jupyter"), ("--user-kernel", "$UserKernel") })
        {
            Assert.Contains($"{shell})", sh, StringComparison.Ordinal);
            Assert.Contains($"[switch] {power}", ps, StringComparison.Ordinal);
        }

        // The user kernel folders are Jupyter's per-user data folders, in both.
        Assert.Contains("${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels", sh, StringComparison.Ordinal);
        Assert.Contains("$HOME/Library/Jupyter/kernels", sh, StringComparison.Ordinal);
        Assert.Contains("Join-Path $env:APPDATA 'jupyter/kernels'", ps, StringComparison.Ordinal);
        Assert.Contains("Join-Path $HOME 'Library/Jupyter/kernels'", ps, StringComparison.Ordinal);
        Assert.Contains("Join-Path $data 'jupyter/kernels'", ps, StringComparison.Ordinal);
    }

    [GeneratedRegex("""kernel\.json\.tmp" <<JSON\n(?<json>.*?)\nJSON\n""", RegexOptions.Singleline)]
    private static partial Regex ShellSpec();

    [GeneratedRegex("""\$KernelSpec = @'\r?\n(?<json>.*?)\r?\n'@""", RegexOptions.Singleline)]
    private static partial Regex PowerShellSpec();
}
