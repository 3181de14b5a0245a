using MultiLabel.Cli;

namespace MultiLabel.Tests.Cli;

public sealed class NewCommandsHelpTests
{
    [Theory]
    [InlineData("evaluate", "--scores")]
    [InlineData("report", "--run")]
    [InlineData("bench metrics", "--no-sklearn")]
    public void Help_renders_every_option(string command, string option)
    {
        var (code, output) = InProcessMlc.Run([.. command.Split(' '), "--help"]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }
}
