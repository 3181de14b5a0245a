using MultiLabel.Cli;
using Spectre.Console.Testing;

namespace MultiLabel.Tests.Cli;

/// <summary>Runs mlc in-process on a test console wide enough (400 columns) that no message wraps.</summary>
internal static class InProcessMlc
{
    public static (int Code, string Output) Run(params string[] args)
    {
        var console = new TestConsole().Width(400);
        int code = MlcApp.Run(args, console);
        return (code, console.Output);
    }
}
