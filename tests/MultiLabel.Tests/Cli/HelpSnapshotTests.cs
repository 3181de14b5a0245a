using MultiLabel.Cli;
using MultiLabel.Tests.Support;
using Spectre.Console.Testing;

namespace MultiLabel.Tests.Cli;

/// <summary>
/// The <c>--help</c> output of every command, compared with the snapshots in tests/MultiLabel.Tests/Cli/Help/ (a
/// 120-column terminal). A change of an option, a description or a registry entry changes a snapshot: review the
/// diff, then regenerate them with <c>MLC_UPDATE_SNAPSHOTS=1 dotnet test tests/MultiLabel.Tests --filter HelpSnapshotTests</c>.
/// </summary>
public sealed class HelpSnapshotTests
{
    public static TheoryData<string> Commands { get; } =
        ["", "train", "predict", "evaluate", "report", "doctor", "pretrain", "export-apps", "release", "grade", "data", "data shapes", "data download", "data stats", "bench", "bench data", "bench metrics", "bench evaluate", "bench train", "bench precision"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_matches_its_snapshot(string command)
    {
        var console = new TestConsole().Width(120);
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];
        Assert.Equal(ExitCodes.Ok, MlcApp.Run(args, console));
        var actual = string.Join('\n', console.Output.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";

        var path = RepoPaths.Combine("tests", "MultiLabel.Tests", "Cli", "Help", (command.Length == 0 ? "mlc" : "mlc-" + command.Replace(' ', '-')) + ".txt");
        if (Environment.GetEnvironmentVariable("MLC_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot {path}: run with MLC_UPDATE_SNAPSHOTS=1 to write it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Registry_options_list_every_entry_in_the_help()
    {
        var (_, output) = InProcessMlc.Run("train", "--help");
        foreach (var name in new[] { "small-cnn", "resnet50", "onecycle", "constant", "asl", "f1-macro", "hamming", "mnist-multi", "voc2007" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }
}
