using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 06 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson06CheckTests
{
    [Fact]
    public void ReplaceHead_accepts_the_model_answer_and_any_names()
    {
        var check = Lesson06.ReplaceHead;
        Passed(check.Evaluate(check.ModelAnswer));
        Passed(check.Evaluate((b, old, n) => nn.Sequential(b, nn.Dropout(0.2), nn.Linear(old.in_features, n))));
    }

    [Fact]
    public void ReplaceHead_rejects_a_sigmoid_or_softmax_wrong_in_features_the_old_head_a_fresh_backbone_and_a_hidden_layer()
    {
        var check = Lesson06.ReplaceHead;
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, nn.Linear(old.in_features, n), nn.Sigmoid())), "a sigmoid (or softmax)");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, nn.Linear(old.in_features, n), nn.Softmax(1))), "a sigmoid (or softmax)");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, nn.Linear(old.out_features, n))), "the new head's input size");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, nn.Linear(64, n))), "the new head's input size");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, old)), "old head");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, old, nn.Linear(old.out_features, n))), "old head");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(nn.Conv2d(3, old.in_features, 3, padding: 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(old.in_features, n))),
            "backbone you were given");
        Rejected(check.Evaluate((b, old, n) => nn.Sequential(b, nn.Linear(old.in_features, 32), nn.ReLU(), nn.Linear(32, n))), "number of parameters");
    }

    [Fact]
    public void FreezeAllButHead_accepts_the_model_answer_and_the_library()
    {
        var check = Lesson06.FreezeAllButHead;
        Passed(check.Evaluate(check.ModelAnswer));
        Assert.Equal(CheckStatus.Passed, check.Evaluate((m, head) =>
        {
            foreach (var (name, p) in m.named_parameters())
            {
                p.requires_grad = FineTuning.IsHeadKey(new Head(head), name);
            }

            return m.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        }).Status);
    }

    [Fact]
    public void FreezeAllButHead_rejects_counting_buffers_or_frozen_ones_or_tensors_forgetting_batchnorm_a_frozen_head_and_loose_name_matches()
    {
        var check = Lesson06.FreezeAllButHead;
        Rejected(check.Evaluate((m, head) => { Freeze(m, head); return m.state_dict().Values.Sum(t => t.numel()); }), "buffers");
        Rejected(check.Evaluate((m, head) => { Freeze(m, head); return m.parameters().Sum(p => p.numel()); }), "frozen parameters too");
        Rejected(check.Evaluate((m, head) => { Freeze(m, head); return m.parameters().Count(p => p.requires_grad); }), "numel");
        Rejected(check.Evaluate((m, head) =>
        {
            foreach (var (name, module) in m.named_modules())
            {
                if (module is Conv2d or Linear && !name.StartsWith(head, StringComparison.Ordinal))
                {
                    foreach (var p in module.parameters())
                    {
                        p.requires_grad = false;
                    }
                }
            }

            return m.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        }), "BatchNorm layers have parameters too");
        Rejected(check.Evaluate((m, head) =>
        {
            foreach (var p in m.parameters())
            {
                p.requires_grad = false;
            }

            return 0L;
        }), "The head is frozen");
        Rejected(check.Evaluate((m, head) =>
        {
            foreach (var (name, p) in m.named_parameters())
            {
                if (!name.StartsWith(head + ".", StringComparison.Ordinal))
                {
                    p.requires_grad = false; // a model that arrives frozen keeps its head frozen
                }
            }

            return m.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        }), "The head is frozen");
        Rejected(check.Evaluate((m, head) => Freeze(m, head, (name, h) => name.StartsWith(h, StringComparison.Ordinal))), "only begins with the same letters");
        Rejected(check.Evaluate((m, head) => Freeze(m, head, (name, h) => name.Contains(h, StringComparison.Ordinal))), "not in the head");
    }

    [Fact]
    public void ParameterGroups_accepts_the_model_answer_the_library_and_other_group_order()
    {
        var check = Lesson06.ParameterGroups;
        Passed(check.Evaluate(check.ModelAnswer));
        Assert.Equal(CheckStatus.Passed, check.Evaluate((m, head, lr, f) =>
        {
            var groups = Groups(m, head, lr, f, (n, h) => n.StartsWith(h + ".", StringComparison.Ordinal));
            return [groups[1], groups[0]];
        }).Status);
    }

    [Fact]
    public void ParameterGroups_rejects_the_head_in_both_groups_the_backbone_at_full_rate_missing_parameters_swapped_rates_and_loose_name_matches()
    {
        var check = Lesson06.ParameterGroups;
        Rejected(check.Evaluate((m, head, lr, f) =>
        [
            new ParameterGroup("head", [.. m.named_parameters().Where(p => p.name.StartsWith(head + ".", StringComparison.Ordinal)).Select(p => p.parameter)], lr),
            new ParameterGroup("backbone", [.. m.parameters()], lr * f),
        ]), "more than one group");
        Rejected(check.Evaluate((m, head, lr, f) => Groups(m, head, lr, 1.0, (n, h) => n.StartsWith(h + ".", StringComparison.Ordinal))), "full learning rate");
        Rejected(check.Evaluate((m, head, lr, f) =>
        [
            new ParameterGroup("head", [.. m.named_parameters().Where(p => p.name.StartsWith(head + ".", StringComparison.Ordinal)).Select(p => p.parameter)], lr),
            new ParameterGroup("backbone", [.. m.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal) && !p.name.StartsWith(head + ".", StringComparison.Ordinal)).Select(p => p.parameter)], lr * f),
        ]), "in no group");
        Rejected(check.Evaluate((m, head, lr, f) =>
        [
            new ParameterGroup("head", [.. m.named_parameters().Where(p => p.name.StartsWith(head + ".", StringComparison.Ordinal)).Select(p => p.parameter)], lr),
        ]), "in no group");
        Rejected(check.Evaluate((m, head, lr, f) =>
        {
            var groups = Groups(m, head, lr, f, (n, h) => n.StartsWith(h + ".", StringComparison.Ordinal));
            return [groups[0] with { LearningRate = lr * f }, groups[1] with { LearningRate = lr }];
        }), "learns at the backbone's rate");
        Rejected(check.Evaluate((m, head, lr, f) => Groups(m, head, lr, f, (n, h) => n.StartsWith(h, StringComparison.Ordinal))), "top-level child");
        Rejected(check.Evaluate((m, head, lr, f) => Groups(m, head, lr, f, (n, h) => n.Contains(h, StringComparison.Ordinal))), "top-level child");
        Rejected(check.Evaluate((m, head, lr, f) => Groups(m, head, lr, f * f, (n, h) => n.StartsWith(h + ".", StringComparison.Ordinal))), "not the learning rate times the backbone factor");
        Rejected(check.Evaluate((m, head, lr, f) => [new ParameterGroup("all", [.. nn.Linear(2, 2).parameters()], lr)]), "not one of the model's");
    }

    private static void Passed(CheckResult result) => Assert.True(result.Status == CheckStatus.Passed, result.Message);

    private static long Freeze(nn.Module model, string head, Func<string, string, bool>? isHead = null)
    {
        isHead ??= (n, h) => n.StartsWith(h + ".", StringComparison.Ordinal);
        foreach (var (name, p) in model.named_parameters())
        {
            p.requires_grad = isHead(name, head);
        }

        return model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
    }

    private static List<ParameterGroup> Groups(nn.Module model, string head, double lr, double factor, Func<string, string, bool> isHead)
    {
        var all = model.named_parameters().ToList();
        return
        [
            new ParameterGroup("head", [.. all.Where(p => isHead(p.name, head)).Select(p => p.parameter)], lr),
            new ParameterGroup("backbone", [.. all.Where(p => !isHead(p.name, head)).Select(p => p.parameter)], lr * factor),
        ];
    }

    /// <summary>Names a head for <see cref="FineTuning.IsHeadKey"/>.</summary>
    private sealed class Head(string name) : IMultiLabelModel
    {
        public int NumLabels => 1;

        public string HeadName => name;
    }
}
