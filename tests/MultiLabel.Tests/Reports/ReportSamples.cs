using MultiLabel.Imaging;
using MultiLabel.Metrics;
using MultiLabel.Reports;
using MultiLabel.Tests.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Reports;

/// <summary>A small report input built from a scikit-learn fixture, with solid-colour thumbnails.</summary>
internal static class ReportSamples
{
    public static ReportInput FromFixture(string fixture, bool thumbnails = true)
    {
        var f = SklearnFixture.Load(fixture);
        var names = Enumerable.Range(0, f.Rows).Select(i => $"img-{i:000}.png").ToArray();
        return new ReportInput(
            f.Labels, names, f.TargetTensor(), f.ScoreTensor(ScalarType.Float32), f.Kind, f.Thresholds,
            thumbnails ? Thumbnail : null, $"Report of {fixture}", [KeyValuePair.Create("fixture", fixture)]);
    }

    public static byte[] Thumbnail(int index)
    {
        using var image = full(3, 8, 8, (index % 10) / 10.0f);
        return PngCodec.Encode(image);
    }
}
