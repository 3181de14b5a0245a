using MultiLabel.Runtime;

namespace MultiLabel.Training;

/// <summary>
/// Where and how a <see cref="TrainingRecipe"/> runs on this machine; none of it changes the results on CPU, so
/// none of it is saved with the run (a resumed run may use another device or more loader threads).
/// </summary>
/// <param name="Device">"auto" (CUDA when available), "cpu", "cuda" or "cuda:N".</param>
/// <param name="Workers">Background threads that decode and augment the next batches (0: on the training thread).</param>
/// <param name="CacheDirectory">The download and generation cache (default: $MLC_DATA_DIR, else ~/.cache/mlc).</param>
/// <param name="Offline">Never download: a missing dataset is an error that lists the files to place by hand.</param>
public sealed record MachineOptions(string Device = "auto", int Workers = 1, string? CacheDirectory = null, bool Offline = false)
{
    /// <summary>Every invalid value (empty when all are valid); nothing is loaded.</summary>
    public IReadOnlyList<RecipeProblem> Problems()
    {
        var problems = new List<RecipeProblem>();
        if (Device is null || !TorchRuntime.IsDeviceName(Device))
        {
            problems.Add(new RecipeProblem(nameof(Device), $"must be auto, cpu, cuda or cuda:N (got '{Device}')."));
        }

        if (Workers is < 0 or > 64)
        {
            problems.Add(new RecipeProblem(nameof(Workers), $"must be between 0 and 64 (got {Workers})."));
        }

        return problems;
    }

    /// <summary>Throws when an option is invalid.</summary>
    /// <exception cref="InvalidRecipeException">The first invalid value, named.</exception>
    public void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new InvalidRecipeException(first);
        }
    }
}
