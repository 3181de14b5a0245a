using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabel.Exercises.Lessons;

/// <summary>
/// The model answer of exercise 04.4: the small CNN whose skeleton notebooks/04-nn-modules.ipynb gives (the same
/// fields and constructor), with the forward pass the exercise asks for.
/// </summary>
internal sealed class ReferenceCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Linear head;

    public ReferenceCnn(int numLabels)
        : base("MyCnn")
    {
        conv1 = nn.Conv2d(3, 16, 3, padding: 1);
        bn1 = nn.BatchNorm2d(16);
        conv2 = nn.Conv2d(16, 32, 3, padding: 1);
        bn2 = nn.BatchNorm2d(32);
        head = nn.Linear(32, numLabels);
        RegisterComponents();
    }

    /// <summary>The solution of 04.4: the body of <see cref="forward"/>, as the learner writes it.</summary>
    public const string ForwardCode = """
        using var scope = torch.NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(images)));
        x = nn.functional.max_pool2d(x, 2);
        x = nn.functional.relu(bn2.call(conv2.call(x)));
        x = x.mean(new long[] { 2, 3 });   // global average pooling: [B, 32, H, W] -> [B, 32]
        return head.call(x).MoveToOuterDisposeScope();
        """;

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(images)));
        x = nn.functional.max_pool2d(x, 2);
        x = nn.functional.relu(bn2.call(conv2.call(x)));
        x = x.mean([2, 3]);
        return head.call(x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            conv2.Dispose();
            bn2.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
