namespace MultiLabel.Exercises;

/// <summary>
/// What running an answer on one case produced: the exercise's observation (values, shapes, dtypes, counts...) or
/// the exception the answer threw. Plain data: it round-trips through <see cref="ExerciseJson"/>, so a grader can
/// observe in one process and judge in another.
/// </summary>
/// <typeparam name="T">The exercise's observation record.</typeparam>
/// <param name="Value">The observation; null when the answer threw.</param>
/// <param name="Error">The exception the answer threw; null when it returned.</param>
public sealed record Observation<T>(T? Value, AnswerError? Error)
    where T : class;
