using MultiLabel.Cli.Commands;
using MultiLabel.Tests.Support;
using MultiLabel.Training;

namespace MultiLabel.Tests.Training;

public sealed class TrainingRecipeTests
{
    [Fact]
    public void The_default_recipe_is_valid_and_is_what_mlc_train_runs_without_options()
    {
        var recipe = new TrainingRecipe();
        Assert.Empty(recipe.Problems());
        Assert.Equal(recipe, new TrainSettings().ToRecipe());
        Assert.Equal(("shapes", "small-cnn", 20, 64, "onecycle", "bce", "f1-micro"), (recipe.Data, recipe.Model, recipe.Epochs, recipe.BatchSize, recipe.Schedule, recipe.Loss, recipe.Monitor));
    }

    [Theory]
    [InlineData(nameof(TrainingRecipe.Epochs), "must be at least 1 (got 0).")]
    [InlineData(nameof(TrainingRecipe.BatchSize), "must be at least 1 (got -3).")]
    [InlineData(nameof(TrainingRecipe.AccumulationSteps), "must be at least 1 (got 0).")]
    [InlineData(nameof(TrainingRecipe.LearningRate), "must be a positive number (got NaN).")]
    [InlineData(nameof(TrainingRecipe.WeightDecay), "must be a number >= 0 (got -0.1).")]
    [InlineData(nameof(TrainingRecipe.Model), "must be small-cnn, mini-resnet, resnet18, resnet34 or resnet50 (got 'vgg16').")]
    [InlineData(nameof(TrainingRecipe.Loss), "must be bce, focal or asl (got 'hinge').")]
    [InlineData(nameof(TrainingRecipe.Schedule), "must be onecycle, cosine or constant (got 'step').")]
    [InlineData(nameof(TrainingRecipe.Monitor), "must be f1-micro, f1-macro, loss or hamming (got 'accuracy').")]
    [InlineData(nameof(TrainingRecipe.Data), "must be shapes, mnist-multi, voc2007 or folder (got 'cifar').")]
    [InlineData(nameof(TrainingRecipe.Dropout), "must be in [0, 1) (got 1).")]
    [InlineData(nameof(TrainingRecipe.Depth), "must be between 1 and 6 (got 7).")]
    [InlineData(nameof(TrainingRecipe.Count), "must be at least 20 (got 5).")]
    public void Each_bad_value_is_one_problem_that_names_its_property(string property, string message)
    {
        var bad = property switch
        {
            nameof(TrainingRecipe.Epochs) => new TrainingRecipe { Epochs = 0 },
            nameof(TrainingRecipe.BatchSize) => new TrainingRecipe { BatchSize = -3 },
            nameof(TrainingRecipe.AccumulationSteps) => new TrainingRecipe { AccumulationSteps = 0 },
            nameof(TrainingRecipe.LearningRate) => new TrainingRecipe { LearningRate = double.NaN },
            nameof(TrainingRecipe.WeightDecay) => new TrainingRecipe { WeightDecay = -0.1 },
            nameof(TrainingRecipe.Model) => new TrainingRecipe { Model = "vgg16" },
            nameof(TrainingRecipe.Loss) => new TrainingRecipe { Loss = "hinge" },
            nameof(TrainingRecipe.Schedule) => new TrainingRecipe { Schedule = "step" },
            nameof(TrainingRecipe.Monitor) => new TrainingRecipe { Monitor = "accuracy" },
            nameof(TrainingRecipe.Data) => new TrainingRecipe { Data = "cifar" },
            nameof(TrainingRecipe.Dropout) => new TrainingRecipe { Dropout = 1 },
            nameof(TrainingRecipe.Depth) => new TrainingRecipe { Depth = 7 },
            _ => new TrainingRecipe { Count = 5 },
        };

        Assert.Equal(new RecipeProblem(property, message), Assert.Single(bad.Problems()));
        var ex = Assert.Throws<InvalidRecipeException>(bad.Validate);
        Assert.Equal($"{property} {message}", ex.Message);
    }

    [Fact]
    public void Every_recipe_and_machine_property_has_a_flag_of_mlc_train()
    {
        var flags = OptionFlags.Read(typeof(TrainSettings));
        foreach (var property in typeof(TrainingRecipe).GetProperties().Concat(typeof(MachineOptions).GetProperties()).Where(p => p.CanWrite))
        {
            Assert.True(flags.ContainsKey(property.Name), $"{property.Name} has no option of the same name in TrainSettings");
        }

        Assert.Equal("--lr", OptionFlags.Of(nameof(TrainingRecipe.LearningRate)));
        Assert.Equal("--img-size", OptionFlags.Of(nameof(TrainingRecipe.ImageSize)));
        Assert.Equal("--backbone-lr must be a number >= 0 (got -1).",
            OptionFlags.Describe(Assert.Single(new TrainingRecipe { BackboneLrFactor = -1 }.Problems())));
    }

    [Fact]
    public void A_recipe_round_trips_through_its_file_and_canonical_names_are_written()
    {
        using var tmp = new TempDir();
        var recipe = new TrainingRecipe { Epochs = 3, Schedule = "Cosine", Loss = "ASL", Monitor = "ValLoss", Weights = "/w.pth", TuneThresholds = true }.Canonical();
        var path = tmp.Combine("recipe.json");
        RunDirectory.WriteRecipeFile(path, recipe);

        Assert.Equal(recipe, RunDirectory.ReadRecipeFile(path));
        var text = File.ReadAllText(path);
        Assert.Contains("\"Schedule\": \"cosine\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Monitor\": \"loss\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_json_of_the_previous_version_reads_with_canonical_names()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Combine("config.json"), """
            {"Data": "shapes", "DataDir": null, "Labels": null, "Count": 160, "ImageSize": 32, "OnBadImage": "Fail",
             "DropDifficult": false, "Augment": "auto", "Model": "small-cnn", "Weights": null, "FreezeBackbone": false,
             "BackboneLrFactor": 1, "Epochs": 2, "BatchSize": 16, "LearningRate": 0.003, "WeightDecay": 0.0001,
             "Schedule": "OneCycle", "Loss": "Asl", "PosWeight": false, "ClipGrad": 5, "Patience": 0, "Monitor": "ValF1Macro",
             "Seed": 4, "TuneThresholds": false, "Width": 4, "Depth": 2, "Dropout": 0.2}
            """);

        var recipe = RunDirectory.Open(tmp.Path).ReadRecipe();

        Assert.Equal(("onecycle", "asl", "f1-macro", 1, 4L), (recipe.Schedule, recipe.Loss, recipe.Monitor, recipe.AccumulationSteps, recipe.Seed));
    }

    [Fact]
    public void A_bad_recipe_file_is_reported_with_its_path_and_problem()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("recipe.json");
        File.WriteAllText(path, """{"Epochs": 0}""");
        var ex = Assert.Throws<InvalidDataException>(() => RunDirectory.ReadRecipeFile(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Epochs must be at least 1", ex.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "{ not json");
        Assert.Contains("not a valid run configuration", Assert.Throws<InvalidDataException>(() => RunDirectory.ReadRecipeFile(path)).Message, StringComparison.Ordinal);
        Assert.Contains("is not a run folder of mlc train: config.json is missing",
            Assert.Throws<InvalidDataException>(() => RunDirectory.Open(tmp.Path).ReadRecipe()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Machine_options_validate_device_and_workers()
    {
        Assert.Empty(new MachineOptions().Problems());
        Assert.Equal(new RecipeProblem("Device", "must be auto, cpu, cuda or cuda:N (got 'tpu')."), Assert.Single(new MachineOptions("tpu").Problems()));
        Assert.Equal("Workers", Assert.Single(new MachineOptions(Workers: 65).Problems()).Property);
    }
}
