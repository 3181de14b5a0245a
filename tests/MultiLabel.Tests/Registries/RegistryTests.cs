using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Registries;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Registries;

[Collection(TorchGlobalState.Name)]
public sealed class RegistryTests
{
    private sealed record Entry(string Name, string Description) : IRegistryEntry
    {
        public IReadOnlyList<string> Aliases { get; init; } = [];
    }

    [Fact]
    public void Names_match_without_case_or_spaces_and_aliases_resolve_to_the_entry()
    {
        var registry = new Registry<Entry>("thing", [new("alpha", "the first"), new("beta", "the second") { Aliases = ["OldBeta"] }]);

        Assert.Equal(["alpha", "beta"], registry.Names);
        Assert.Same(registry[0], registry.Default);
        Assert.Same(registry[1], registry.Get(" BETA "));
        Assert.Same(registry[1], registry.Get("oldbeta"));
        Assert.Equal("beta", registry.Resolve("OldBeta"));
        Assert.Null(registry.Resolve("gamma"));
        Assert.False(registry.Contains(null));
        Assert.Equal("alpha or beta", registry.Choices);
        Assert.Equal("alpha (default): the first; beta: the second", registry.Help());
        var ex = Assert.Throws<ArgumentException>(() => registry.Get("gamma"));
        Assert.Contains("Unknown thing 'gamma'; known: alpha, beta.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_refuses_two_entries_of_one_name_and_an_empty_list()
    {
        Assert.Throws<ArgumentException>(() => new Registry<Entry>("thing", [new("a", "x"), new("b", "y") { Aliases = ["A"] }]));
        Assert.Throws<ArgumentException>(() => new Registry<Entry>("thing", []));
    }

    [Fact]
    public void Every_model_entry_builds_a_network_with_one_logit_per_label()
    {
        foreach (var entry in ModelCatalog.Models.Where(e => e.Name is "small-cnn" or "resnet18"))
        {
            using var scope = NewDisposeScope();
            using var model = entry.Create(new ModelOptions(entry.Name, Width: 4, Depth: 2), 5);
            model.eval();
            using var noGrad = no_grad();
            Assert.Equal([2L, 5L], model.call(rand(2, 3, 32, 32)).shape);
        }

        Assert.Equal(["small-cnn", "mini-resnet", "resnet18", "resnet34", "resnet50"], ModelCatalog.Names);
    }

    [Fact]
    public void Every_loss_entry_gives_a_finite_scalar_and_takes_positive_weights()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 2, -1, 0.5f, -3 }, [2, 2]);
        var targets = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        foreach (var entry in LossCatalog.Losses)
        {
            using var plain = entry.Create(null);
            using var weighted = entry.Create([4f, 1f]);
            float a = plain.call(logits, targets).item<float>();
            float b = weighted.call(logits, targets).item<float>();
            Assert.True(float.IsFinite(a) && a > 0, entry.Name);
            Assert.True(b > a, $"{entry.Name}: a positive weight of 4 on label 0 raises the loss ({a} -> {b})");
        }
    }

    [Fact]
    public void Every_schedule_stays_between_zero_and_the_peak_and_the_monitors_read_their_field()
    {
        foreach (var schedule in ScheduleKind.All)
        {
            Assert.All(Enumerable.Range(0, 40), s => Assert.InRange(schedule.Factor(s, 40, 0.25), 0, 1 + 1e-12));
        }

        Assert.Equal(1.0, ScheduleKind.Constant.Factor(17, 40, 0.3));
        var record = new EpochRecord(1, 0.5, 0.4, 0.9, 0.8, 0.05, 1e-3, 100, 1);
        Assert.Equal([0.9, 0.8, 0.4, 0.05], MonitorMetric.All.Select(m => m.ValueIn(record)));
        Assert.Equal([true, true, false, false], MonitorMetric.All.Select(m => m.HigherIsBetter));
        Assert.True(MonitorMetric.ValLoss.Improves(0.3, 0.4));
        Assert.False(MonitorMetric.ValF1Micro.Improves(0.3, 0.4));
    }

    [Fact]
    public void Augmentations_and_datasets_resolve_by_name()
    {
        var data = DatasetCatalog.Load(new DataSourceOptions("shapes", Count: 40, ImageSize: 24));
        Assert.Same(data.TrainTransform, AugmentationCatalog.TrainTransform("auto", data));
        Assert.Null(AugmentationCatalog.TrainTransform("None", data));
        Assert.Same(Transforms.ShapesTraining, AugmentationCatalog.TrainTransform("shapes", data));
        var ex = Assert.Throws<ArgumentException>(() => AugmentationCatalog.TrainTransform("bogus", data));
        Assert.Contains("known: auto, none, shapes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["shapes", "mnist-multi", "voc2007", "folder"], DatasetCatalog.Names);
        Assert.Equal(ShapesGenerator.Labels.Names, data.Labels.Names);
    }
}
