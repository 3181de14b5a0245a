using MultiLabel.Cli;
using Spectre.Console.Testing;

namespace MultiLabel.Tests.Cli;

/// <summary>Runs mlc in-process on test consoles wide enough (400 columns) that no message wraps.</summary>
internal static class InProcessMlc
{
    /// <summary>Runs mlc; the output holds what it wrote to both streams.</summary>
    public static (int Code, string Output) Run(params string[] args)
    {
        var console = new TestConsole().Width(400);
        int code = MlcApp.Run(args, console);
        return (code, console.Output);
    }

    /// <summary>Runs mlc with results and errors on separate consoles.</summary>
    public static (int Code, string Out, string Error) RunSplit(params string[] args)
    {
        var output = new TestConsole().Width(400);
        var errors = new TestConsole().Width(400);
        int code = MlcApp.Run(args, output, errors);
        return (code, output.Output, errors.Output);
    }
}
