using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Tests.Support;
using Spectre.Console.Testing;

namespace MultiLabel.Tests.Setup;

/// <summary>
/// The dev containers cannot be started here (no container engine with registry access), so this checks what can
/// be: both files are valid JSON on the Ubuntu 24.04 .NET 10 image, the GPU variant asks for a GPU and the CUDA
/// backend, and every command they run exists (scripts and their options, dotnet verbs, paths, mlc commands).
/// </summary>
public sealed class DevcontainerTests
{
    public static TheoryData<string> Files { get; } = [".devcontainer/devcontainer.json", ".devcontainer/gpu/devcontainer.json"];

    private static JsonElement Read(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine(file.Split('/'))));
        return doc.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_container_builds_on_the_ubuntu_noble_dotnet_10_image_with_the_course_extensions(string file)
    {
        var root = Read(file);
        Assert.Equal("mcr.microsoft.com/devcontainers/dotnet:1-10.0-noble", root.GetProperty("image").GetString());
        var extensions = root.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.csdevkit", extensions);
        Assert.EndsWith("/.jupyter", root.GetProperty("remoteEnv").GetProperty("JUPYTER_PATH").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_command_the_container_runs_exists(string file)
    {
        var root = Read(file);
        foreach (var hook in new[] { "postCreateCommand", "postStartCommand" })
        {
            foreach (var command in root.GetProperty(hook).GetString()!.Split("&&", StringSplitOptions.TrimEntries))
            {
                CheckCommand(command);
            }
        }
    }

    [Fact]
    public void The_gpu_variant_asks_for_a_gpu_and_the_cuda_backend_and_the_default_for_the_cpu()
    {
        var gpu = Read(".devcontainer/gpu/devcontainer.json");
        Assert.True(gpu.GetProperty("hostRequirements").GetProperty("gpu").GetBoolean());
        Assert.Equal(["--gpus", "all"], gpu.GetProperty("runArgs").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("cuda-linux", gpu.GetProperty("containerEnv").GetProperty("TorchBackend").GetString());
        Assert.Equal("cpu", Read(".devcontainer/devcontainer.json").GetProperty("containerEnv").GetProperty("TorchBackend").GetString());
    }

    private static void CheckCommand(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words[0])
        {
            case "bash":
                var script = RepoPaths.Combine(words[1].Split('/'));
                Assert.True(File.Exists(script), $"{command}: {words[1]} does not exist");
                var text = File.ReadAllText(script);
                foreach (var option in words.Skip(2))
                {
                    Assert.Contains($"{option})", text, StringComparison.Ordinal);
                }

                break;
            case "dotnet":
                Assert.Contains(words[1], new[] { "tool", "restore", "build", "run", "test" });
                foreach (var path in words.Skip(2).Where(w => w.Contains('/', StringComparison.Ordinal) || w.EndsWith(".sln", StringComparison.Ordinal)))
                {
                    var full = RepoPaths.Combine(path.Split('/'));
                    Assert.True(File.Exists(full) || Directory.Exists(full), $"{command}: {path} does not exist");
                }

                int separator = Array.IndexOf(words, "--");
                if (words[1] == "run" && separator > 0)
                {
                    var console = new TestConsole();
                    Assert.Equal(ExitCodes.Ok, MlcApp.Run([.. words.Skip(separator + 1), "--help"], console));
                }

                break;
            default:
                Assert.Fail($"{command}: unexpected program {words[0]}");
                break;
        }
    }
}
