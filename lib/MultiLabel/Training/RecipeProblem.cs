namespace MultiLabel.Training;

/// <summary>
/// One invalid value of a <see cref="TrainingRecipe"/> or <see cref="MachineOptions"/>: the property and what is
/// wrong with it. The message reads after the property's name ("Epochs must be at least 1 (got 0)."), so the
/// command line prints it after its flag ("--epochs must be at least 1 (got 0).").
/// </summary>
/// <param name="Property">The property's name (e.g. Epochs).</param>
/// <param name="Message">What is wrong, starting with a verb: "must be at least 1 (got 0).".</param>
public sealed record RecipeProblem(string Property, string Message)
{
    /// <summary>The problem as a sentence that names the property.</summary>
    public override string ToString() => $"{Property} {Message}";
}

/// <summary>A recipe or machine option is invalid; <see cref="Problem"/> says which and why.</summary>
public sealed class InvalidRecipeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidRecipeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidRecipeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidRecipeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem.</summary>
    public InvalidRecipeException(RecipeProblem problem)
        : base(problem?.ToString())
    {
        Problem = problem;
    }

    /// <summary>Creates the exception for a problem found through another exception.</summary>
    public InvalidRecipeException(RecipeProblem problem, Exception innerException)
        : base(problem?.ToString(), innerException)
    {
        Problem = problem;
    }

    /// <summary>The first invalid value.</summary>
    public RecipeProblem? Problem { get; }
}
