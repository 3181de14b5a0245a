using System.Globalization;
using static TorchSharp.torch;

namespace MultiLabel.Models;

/// <summary>
/// Loads pretrained weights (e.g. ImageNet) into a model: every backbone key of the model must be in the file with
/// the same shape, and the file may hold nothing else. The classifier head is skipped by default, since a new task
/// has its own labels; the model keeps its freshly initialised head.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>Copies the weights of <paramref name="path"/> (see <see cref="StateDictFile"/> for formats) into <paramref name="model"/>.</summary>
    /// <param name="model">The model; its parameters and buffers are overwritten in place.</param>
    /// <param name="path">A .pth/.pt, .safetensors or TorchSharp weight file.</param>
    /// <param name="skipHead">Leave the head (<see cref="IMultiLabelModel.HeadName"/>) as it is and ignore the file's head.</param>
    /// <exception cref="InvalidDataException">A key is missing, unexpected or has another shape; the message names the key and the file.</exception>
    public static WeightLoadReport Load(nn.Module model, string path, bool skipHead = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var source = StateDictFile.Read(path);
        try
        {
            return Copy(model, source, path, skipHead);
        }
        finally
        {
            foreach (var t in source.Values)
            {
                t.Dispose();
            }
        }
    }

    private static WeightLoadReport Copy(nn.Module model, Dictionary<string, Tensor> source, string path, bool skipHead)
    {
        var head = model as IMultiLabelModel;
        bool IsSkipped(string key) => skipHead && head is not null && FineTuning.IsHeadKey(head, key);

        var target = model.state_dict();
        foreach (var (key, value) in target)
        {
            if (IsSkipped(key))
            {
                continue;
            }

            if (!source.TryGetValue(key, out var from))
            {
                throw new InvalidDataException($"Weight file '{path}' has no '{key}' (shape {Shape(value)}), which the model needs.");
            }

            if (!from.shape.SequenceEqual(value.shape))
            {
                throw new InvalidDataException(
                    $"Weight file '{path}': '{key}' has shape {Shape(from)} but the model expects {Shape(value)}.");
            }
        }

        var unexpected = source.Keys.Where(k => !target.ContainsKey(k) && !IsSkipped(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidDataException(
                $"Weight file '{path}' has {unexpected.Count} key(s) the model does not have, first '{unexpected[0]}' (shape {Shape(source[unexpected[0]])}); is it the right architecture?");
        }

        var loaded = new List<string>();
        using (no_grad())
        {
            foreach (var (key, value) in target)
            {
                if (!IsSkipped(key))
                {
                    value.copy_(source[key]);
                    loaded.Add(key);
                }
            }
        }

        var skipped = source.Keys.Where(IsSkipped).Order(StringComparer.Ordinal).ToList();
        return new WeightLoadReport(loaded, skipped);
    }

    private static string Shape(Tensor t) => "[" + string.Join(",", t.shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
