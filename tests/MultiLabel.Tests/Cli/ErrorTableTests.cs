using MultiLabel.Cli;
using MultiLabel.Data;
using MultiLabel.Training;

namespace MultiLabel.Tests.Cli;

public sealed class ErrorTableTests
{
    [Fact]
    public void Each_expected_error_has_one_row_and_subtypes_come_before_their_bases()
    {
        var rows = ErrorTable.Rows;
        Assert.Equal(rows.Count, rows.Select(r => r.Type).Distinct().Count());
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = i + 1; j < rows.Count; j++)
            {
                Assert.False(rows[i].Type.IsAssignableFrom(rows[j].Type), $"{rows[j].Type.Name} can never match: {rows[i].Type.Name} comes first");
            }
        }
    }

    [Fact]
    public void Errors_map_to_their_words_and_exit_codes_and_unexpected_ones_propagate()
    {
        Assert.Equal(("Bad input:", ExitCodes.Usage), Of(new DataFormatException("labels.csv", 3, "bad")));
        Assert.Equal(("Training stopped:", ExitCodes.Failure), Of(new TrainingDivergedException("NaN")));
        Assert.Equal(("Error:", ExitCodes.Usage), Of(new InvalidDataException("run folder")));
        Assert.Null(ErrorTable.Find(new InvalidOperationException("a bug")));
        Assert.Null(ErrorTable.Find(new ArgumentException("a bug, not a usage error")));
        Assert.Equal("--epochs must be at least 1 (got 0).", ErrorTable.MessageOf(new InvalidRecipeException(new RecipeProblem("Epochs", "must be at least 1 (got 0)."))));
    }

    [Fact]
    public void A_library_problem_found_while_running_names_the_flag()
    {
        var (code, output) = InProcessMlc.Run("train", "--count", "40", "--img-size", "32", "--batch-size", "64", "--epochs", "1");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Error: --batch-size (64) is larger than the training split", output, StringComparison.Ordinal);
    }

    private static (string Lead, int Code) Of(Exception ex)
    {
        var row = ErrorTable.Find(ex)!;
        return (row.Lead, row.ExitCode);
    }
}
