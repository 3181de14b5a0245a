using MultiLabel.Cli.Commands;
using MultiLabel.Data;
using MultiLabel.Data.Downloads;
using MultiLabel.Imaging;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console.Cli;

namespace MultiLabel.Cli;

/// <summary>
/// How mlc reports the errors it expects, in one table: each exception type (or a subtype) with the words that
/// introduce its message and the exit code. Anything not in the table is a bug and propagates with its stack trace.
/// </summary>
internal static class ErrorTable
{
    /// <summary>One row: a type of error, how its message starts, the exit code, whether the usage hint follows.</summary>
    /// <param name="Type">The exception type (subtypes match too).</param>
    /// <param name="Lead">The words before the message, e.g. "Error:".</param>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="UsageHint">Follow the message with how to get help.</param>
    internal sealed record Row(Type Type, string Lead, int ExitCode, bool UsageHint = false);

    /// <summary>The rows, the first match wins (so subtypes come before their base types).</summary>
    internal static IReadOnlyList<Row> Rows { get; } =
    [
        // Unknown command or option, missing or unconvertible value, failed validation.
        new(typeof(CommandAppException), "Error:", ExitCodes.Usage, UsageHint: true),
        new(typeof(UsageException), "Error:", ExitCodes.Usage),
        new(typeof(Apps.AppExportException), "Error:", ExitCodes.Usage),
        new(typeof(InvalidRecipeException), "Error:", ExitCodes.Usage),
        new(typeof(DeviceUnavailableException), "Error:", ExitCodes.Usage),
        new(typeof(DataFormatException), "Bad input:", ExitCodes.Usage),
        new(typeof(ImageDecodeException), "Bad input:", ExitCodes.Usage),
        new(typeof(InvalidDataException), "Error:", ExitCodes.Usage), // a run folder or file the command was given is incomplete or malformed
        new(typeof(DatasetUnavailableException), "Error:", ExitCodes.Failure),
        new(typeof(MultiLabel.Training.Callbacks.CheckpointWriteException), "Error:", ExitCodes.Failure),
        new(typeof(DownloadVerificationException), "Error:", ExitCodes.Failure),
        new(typeof(UnsafeArchiveException), "Error:", ExitCodes.Failure),
        new(typeof(TorchRuntimeException), "Error:", ExitCodes.Failure),
        new(typeof(TrainingDivergedException), "Training stopped:", ExitCodes.Failure),
    ];

    /// <summary>The row for <paramref name="exception"/>, or null when mlc does not expect it.</summary>
    public static Row? Find(Exception exception) => Rows.FirstOrDefault(r => r.Type.IsInstanceOfType(exception));

    /// <summary>The message to print: a recipe problem names its command-line flag.</summary>
    public static string MessageOf(Exception exception) =>
        exception is InvalidRecipeException { Problem: { } problem } ? OptionFlags.Describe(problem) : exception.Message;
}
