namespace MultiLabel.Models;

/// <summary>Which network to build.</summary>
/// <param name="Name">One of <see cref="ModelCatalog.Names"/>: small-cnn, mini-resnet, resnet18, resnet34, resnet50.</param>
/// <param name="Width">SmallCnn: channels of the first block.</param>
/// <param name="Depth">SmallCnn: number of blocks.</param>
/// <param name="Dropout">SmallCnn: dropout before the head.</param>
/// <param name="BatchNorm">SmallCnn: BatchNorm after every convolution.</param>
public sealed record ModelOptions(
    string Name = ModelCatalog.SmallCnn,
    int Width = 16,
    int Depth = 4,
    double Dropout = 0.2,
    bool BatchNorm = true);
