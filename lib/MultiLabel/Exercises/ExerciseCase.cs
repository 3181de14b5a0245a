namespace MultiLabel.Exercises;

/// <summary>
/// One test case of an exercise: its inputs as plain data (numbers, arrays, strings, <see cref="TensorData"/>), so a
/// grading process can send it to the process that runs the learner's code.
/// </summary>
/// <typeparam name="TInput">The exercise's input record.</typeparam>
/// <param name="Number">0 for the notebook's example, then 1, 2, ... for the generated cases.</param>
/// <param name="Description">What kind of case it is, safe to show the learner (it never lists the values).</param>
/// <param name="IsExample">True for the example the notebook shows (its values may appear in messages).</param>
/// <param name="Input">The inputs.</param>
public sealed record ExerciseCase<TInput>(int Number, string Description, bool IsExample, TInput Input)
    where TInput : class;
