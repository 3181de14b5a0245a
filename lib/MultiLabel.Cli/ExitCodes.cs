namespace MultiLabel.Cli;

/// <summary>The exit codes of mlc.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed (diverged training, native runtime missing, ...).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: unknown option, invalid value, unreadable or unwritable path.</summary>
    public const int Usage = 2;
}
