using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabel.Models;

/// <summary>A named set of parameters trained with its own learning rate.</summary>
/// <param name="Name">"head", "backbone", or "all" for a model that is not an <see cref="IMultiLabelModel"/>.</param>
/// <param name="Parameters">The trainable parameters of the group.</param>
/// <param name="LearningRate">The group's peak learning rate.</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters, double LearningRate);

/// <summary>
/// Fine-tuning helpers: freeze or unfreeze the backbone (everything but the head), and split the trainable
/// parameters into a head group and a backbone group with their own learning rates.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class FineTuning
{
    /// <summary>True for a parameter key of the head of <paramref name="model"/>.</summary>
    public static bool IsHeadKey(IMultiLabelModel model, string key)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(model.HeadName + ".", StringComparison.Ordinal);
    }

    /// <summary>Stops gradients for every backbone parameter; the head stays trainable.</summary>
    /// <exception cref="ArgumentException">The model is not an <see cref="IMultiLabelModel"/> (it has no known head).</exception>
    public static void FreezeBackbone(nn.Module model) => SetBackboneTrainable(model, false);

    /// <summary>Makes every parameter trainable again.</summary>
    public static void Unfreeze(nn.Module model) => SetBackboneTrainable(model, true);

    /// <summary>
    /// The trainable parameters in two groups: the head at <paramref name="learningRate"/> and the backbone at
    /// <paramref name="learningRate"/> x <paramref name="backboneFactor"/> (e.g. 0.1 for gentle fine-tuning).
    /// Frozen parameters are left out; an empty group is left out.
    /// </summary>
    public static IReadOnlyList<ParameterGroup> ParameterGroups(nn.Module model, double learningRate, double backboneFactor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(backboneFactor >= 0) || double.IsInfinity(backboneFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(backboneFactor), backboneFactor, "must be a finite number >= 0");
        }

        if (model is not IMultiLabelModel)
        {
            var all = model.parameters().Where(p => p.requires_grad).ToList();
            return all.Count == 0 ? [] : [new ParameterGroup("all", all, learningRate)];
        }

        var head = new List<Parameter>();
        var backbone = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad)
            {
                continue;
            }

            bool isHead = model is IMultiLabelModel m && IsHeadKey(m, name);
            (isHead ? head : backbone).Add(parameter);
        }

        var groups = new List<ParameterGroup>();
        if (head.Count > 0)
        {
            groups.Add(new ParameterGroup("head", head, learningRate));
        }

        if (backbone.Count > 0)
        {
            groups.Add(new ParameterGroup("backbone", backbone, learningRate * backboneFactor));
        }

        return groups;
    }

    private static void SetBackboneTrainable(nn.Module model, bool trainable)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not IMultiLabelModel withHead)
        {
            throw new ArgumentException($"{model.GetType().Name} does not say which child is its head (IMultiLabelModel).", nameof(model));
        }

        foreach (var (name, parameter) in model.named_parameters())
        {
            parameter.requires_grad = trainable || IsHeadKey(withHead, name);
        }
    }
}
