namespace MultiLabel.Data.Mnist;

/// <summary>Where <see cref="MnistLocator"/> found MNIST.</summary>
/// <param name="Folder">The folder with the four IDX files.</param>
/// <param name="IsFull">True: the full 60,000 + 10,000 digits; false: the shipped subset.</param>
/// <param name="Description">One sentence for logs and lessons: which set, from where.</param>
public sealed record MnistSource(string Folder, bool IsFull, string Description);
