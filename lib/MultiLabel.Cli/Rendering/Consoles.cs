using Spectre.Console;

namespace MultiLabel.Cli.Rendering;

/// <summary>
/// The consoles mlc writes to: results on standard output, errors on standard error. When a stream is not a terminal
/// (a pipe, CI, a file) Spectre would wrap it at 80 columns, breaking epoch lines and file paths in the middle; there
/// the width is made so large that nothing wraps and tables take the width of their content.
/// </summary>
internal static class Consoles
{
    /// <summary>The width of a console that is not a terminal: no line wraps.</summary>
    public const int UnboundedWidth = 100_000;

    /// <summary>Standard output.</summary>
    public static IAnsiConsole StandardOutput() => Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Standard error.</summary>
    public static IAnsiConsole StandardError() => Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = UnboundedWidth;
        }

        return console;
    }

    /// <summary>Writes a table with its title on a line of its own (a table title would wrap at the table's width).</summary>
    public static void WriteTitled(this IAnsiConsole console, string title, Table table)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.WriteLine(title);
        console.Write(table);
    }
}
