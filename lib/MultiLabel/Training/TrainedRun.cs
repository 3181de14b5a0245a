using MultiLabel.Augment;
using MultiLabel.Data;
using MultiLabel.Imaging;
using MultiLabel.Metrics;
using MultiLabel.Randomness;
using MultiLabel.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// A finished run loaded back from its folder: the model with its best weights (in evaluation mode), the label
/// names, the thresholds it predicts at (tuned ones when the run tuned them) and the input transform its data
/// used; <c>mlc predict</c> and the lessons load a run this way:
/// <code>
/// using var run = TrainedRun.Load("runs/quick");
/// foreach (var label in run.Predict("photo.png").Predicted) Console.WriteLine($"{label.Label} {label.Probability:F3}");
/// </code>
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    private TrainedRun(RunDirectory folder, TrainingRecipe recipe, IReadOnlyList<string> labels, Thresholds thresholds, ITransform inputTransform, nn.Module<Tensor, Tensor> model, Device device)
    {
        Folder = folder;
        Recipe = recipe;
        Labels = labels;
        Thresholds = thresholds;
        InputTransform = inputTransform;
        Model = model;
        Device = device;
    }

    /// <summary>The run folder.</summary>
    public RunDirectory Folder { get; }

    /// <summary>The recipe the run was trained with.</summary>
    public TrainingRecipe Recipe { get; }

    /// <summary>The label names in output order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The thresholds it predicts at.</summary>
    public Thresholds Thresholds { get; }

    /// <summary>Turns any image [3,H,W] in [0,1] into the model's input (e.g. a resize to the training size).</summary>
    public ITransform InputTransform { get; }

    /// <summary>The model, with the best epoch's weights, in evaluation mode.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The device the model is on.</summary>
    public Device Device { get; }

    /// <summary>Loads the finished run in <paramref name="folder"/> onto <paramref name="device"/>.</summary>
    /// <exception cref="InvalidDataException">A file of the run is missing or malformed; the message names it.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static TrainedRun Load(string folder, string device = "auto")
    {
        var run = RunDirectory.Open(folder);
        var recipe = run.ReadRecipe();
        var labels = run.ReadLabels();
        var thresholds = run.ReadThresholds(labels);
        var input = DatasetCatalog.InputTransform(recipe.ToDataSourceOptions(new MachineOptions(Offline: true)));
        TorchRuntime.EnsureLoaded();
        var resolved = TorchRuntime.ResolveDevice(device);
        var model = TrainingRun.BuildModel(recipe with { Weights = null, FreezeBackbone = false }, labels.Count);
        try
        {
            run.LoadModel(model);
            model.to(resolved);
            model.eval();
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return new TrainedRun(run, recipe, labels, thresholds, input, model, resolved);
    }

    /// <summary>Probabilities [B,L] on the CPU for a batch of inputs [B,3,H,W] that already went through <see cref="InputTransform"/>.</summary>
    public Tensor Probabilities(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Model.call(inputs.to(Device)).sigmoid().cpu().MoveToOuterDisposeScope();
    }

    /// <summary>Decodes an image file, prepares it with <see cref="InputTransform"/> and scores every label.</summary>
    /// <exception cref="ImageDecodeException">The file is missing or not a readable image; the message names it.</exception>
    public ImagePrediction Predict(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        using var scope = NewDisposeScope();
        var input = InputTransform.Apply(ImageDecoder.DecodeToTensor(imagePath), new Pcg32(0));
        return Score(imagePath, input);
    }

    /// <summary>Scores one image tensor [3,H,W] in [0,1] (any size: <see cref="InputTransform"/> prepares it).</summary>
    public ImagePrediction Predict(Tensor image, string name)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = NewDisposeScope();
        return Score(name, InputTransform.Apply(image, new Pcg32(0)));
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();

    private ImagePrediction Score(string name, Tensor input)
    {
        var probabilities = Probabilities(input.unsqueeze(0)).data<float>().ToArray();
        return new ImagePrediction(name, [.. Labels.Select((label, l) => new LabelScore(label, probabilities[l], Thresholds[l]))]);
    }
}
