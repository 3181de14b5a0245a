using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Training;

/// <summary>Tiny shapes loaders shared by the trainer tests.</summary>
internal static class TinyData
{
    private static readonly Lazy<IReadOnlyList<ShapesSample>> Samples =
        new(() => ShapesGenerator.Generate(new ShapesOptions(Count: 160, ImageSize: 24, Seed: 4)));

    public static IImageDataset Train => ShapesGenerator.ToDataset(Samples.Value, Split.Train);

    public static IImageDataset Val => ShapesGenerator.ToDataset(Samples.Value, Split.Val);

    public static DataLoader TrainLoader(IImageDataset? dataset = null) => new(dataset ?? Train, 16, shuffle: true, seed: 5, dropLast: true);

    public static DataLoader ValLoader() => new(Val, 64, shuffle: false);
}

/// <summary>A dataset whose images turn into NaN after a number of reads: a run that diverges mid-way.</summary>
internal sealed class NanAfter(IImageDataset inner, int goodReads) : IImageDataset
{
    private int reads;

    public LabelVocabulary Labels => inner.Labels;

    public int Count => inner.Count;

    public string GetName(int index) => inner.GetName(index);

    public ReadOnlySpan<float> GetTarget(int index) => inner.GetTarget(index);

    public Tensor GetImage(int index)
    {
        var image = inner.GetImage(index);
        return Interlocked.Increment(ref reads) > goodReads ? image.fill_(float.NaN) : image;
    }
}
