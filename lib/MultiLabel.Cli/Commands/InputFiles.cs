namespace MultiLabel.Cli.Commands;

/// <summary>Reads input files, turning missing or malformed files into usage errors (exit code 2) with the reader's message.</summary>
internal static class InputFiles
{
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new UsageException(ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
