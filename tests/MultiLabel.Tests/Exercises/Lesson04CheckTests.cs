using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 04 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson04CheckTests
{
    [Fact]
    public void ConvOutputSize_model_answer_agrees_with_a_real_conv2d()
    {
        foreach (var (s, k, st, p) in new[] { (32, 3, 1, 1), (32, 3, 2, 1), (64, 5, 1, 0), (28, 4, 2, 1), (7, 7, 1, 0), (10, 3, 3, 0) })
        {
            using var conv = nn.Conv2d(1, 1, k, stride: st, padding: p);
            using var input = zeros(1, 1, s, s);
            using var output = conv.call(input);
            Assert.Equal(output.shape[2], Lesson04.ConvOutputSize.ModelAnswer(s, k, st, p));
        }
    }

    [Fact]
    public void ConvOutputSize_rejects_rounding_up_a_missing_one_and_padding_on_one_side()
    {
        var check = Lesson04.ConvOutputSize;
        Rejected(check.Evaluate((s, k, st, p) => (int)Math.Ceiling((s + (2.0 * p) - k) / st) + 1), "rounded up");
        Rejected(check.Evaluate((s, k, st, p) => (s + (2 * p) - k) / st), "one position short");
        Rejected(check.Evaluate((s, k, st, p) => ((s + p - k) / st) + 1), "both sides");
    }

    [Fact]
    public void ReceptiveField_rejects_ignored_strides_a_layers_own_stride_and_a_product_of_kernels()
    {
        var check = Lesson04.ReceptiveField;
        Rejected(check.Evaluate((k, s) => 1 + k.Sum(x => x - 1)), "ignores the strides");
        Rejected(check.Evaluate((k, s) =>
        {
            int field = 1, jump = 1;
            for (int i = 0; i < k.Length; i++)
            {
                jump *= s[i];
                field += (k[i] - 1) * jump;
            }

            return field;
        }), "own stride");
        Rejected(check.Evaluate((k, s) => k.Aggregate(1, (a, x) => a * x)), "which is not the number of input pixels");
    }

    [Fact]
    public void Head_rejects_a_sigmoid_or_relu_at_the_end_a_single_layer_and_a_linear_stack_and_accepts_any_activation()
    {
        var check = Lesson04.Head;
        Rejected(check.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 32), nn.ReLU(), nn.Linear(32, n), nn.Sigmoid())), "a sigmoid (or softmax)");
        Rejected(check.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 32), nn.ReLU(), nn.Linear(32, n), nn.ReLU())), "a ReLU?");
        Rejected(check.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 32), nn.Linear(32, n))), "Your head is linear");
        Rejected(check.Evaluate((i, n) => nn.Sequential(nn.GELU(), nn.Linear(i, n))), "no hidden layer");
        Rejected(check.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 32), nn.ReLU(), nn.Linear(32, n + 1))), "one logit per image and label");
        Assert.Equal(CheckStatus.Passed, check.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 64), nn.GELU(), nn.Linear(64, n))).Status);
        Assert.Equal(CheckStatus.Passed, check.Evaluate((i, n) => nn.Sequential(nn.Linear(i, 16), nn.Tanh(), nn.Dropout(0.3), nn.Linear(16, n))).Status);
    }

    [Fact]
    public void CnnForward_rejects_an_unused_layer_an_activation_after_the_head_a_missing_pool_a_flatten_and_other_layers()
    {
        var check = Lesson04.CnnForward;
        Rejected(check.Evaluate(n => new VariantCnn(n, (m, x) => m.Head(Pool(nn.functional.relu(m.Conv2.call(nn.functional.max_pool2d(nn.functional.relu(m.Conv1.call(x)), 2))))))), "bn1.weight, bn1.bias");
        Rejected(check.Evaluate(n => new VariantCnn(n, (m, x) => nn.functional.relu(m.Head(Pool(m.Block2(nn.functional.max_pool2d(m.Block1(x), 2))))))), "never negative");
        Rejected(check.Evaluate(n => new VariantCnn(n, (m, x) => m.Head(Pool(m.Block2(m.Block1(x)))))), "check the order and each step");
        Rejected(check.Evaluate(n => new VariantCnn(n, (m, x) => m.Head(m.Block2(nn.functional.max_pool2d(m.Block1(x), 2)).flatten(1)))), "Your code threw");
        Rejected(check.Evaluate(n => nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, n))), "keep the fields and the constructor");
        Assert.Equal(CheckStatus.Passed, check.Evaluate(n => new VariantCnn(n, (m, x) => m.Head(Pool(m.Block2(nn.functional.max_pool2d(m.Block1(x), 2)))))).Status);
    }

    [Fact]
    public void TrainStep_rejects_a_forgotten_zero_grad_a_missing_step_a_step_before_backward_and_another_loss()
    {
        var check = Lesson04.TrainStep;
        Rejected(check.Evaluate((m, o, x, y) => Step(m, o, x, y, zero: false)), "add up in .grad");
        Rejected(check.Evaluate((m, o, x, y) => Step(m, o, x, y, step: false)), "did not change");
        Rejected(check.Evaluate((m, o, x, y) =>
        {
            o.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(m.call(x), y);
            o.step();
            loss.backward();
            return loss.item<float>();
        }), "Backward first, then step");
        Rejected(check.Evaluate((m, o, x, y) =>
        {
            o.zero_grad();
            var loss = nn.functional.mse_loss(m.call(x).sigmoid(), y);
            loss.backward();
            o.step();
            return loss.item<float>();
        }), "The first call returned");
    }

    private static double Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, bool zero = true, bool step = true)
    {
        if (zero)
        {
            optimizer.zero_grad();
        }

        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(x), y);
        loss.backward();
        if (step)
        {
            optimizer.step();
        }

        return loss.item<float>();
    }

    private static Tensor Pool(Tensor x) => x.mean([2, 3]);

    /// <summary>The notebook's MyCnn skeleton with a forward pass given by the test.</summary>
    private sealed class VariantCnn : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly Linear head;
        private readonly Func<VariantCnn, Tensor, Tensor> forwardPass;

        public VariantCnn(int numLabels, Func<VariantCnn, Tensor, Tensor> forwardPass)
            : base("MyCnn")
        {
            conv1 = nn.Conv2d(3, 16, 3, padding: 1);
            bn1 = nn.BatchNorm2d(16);
            conv2 = nn.Conv2d(16, 32, 3, padding: 1);
            bn2 = nn.BatchNorm2d(32);
            head = nn.Linear(32, numLabels);
            this.forwardPass = forwardPass;
            RegisterComponents();
        }

        public Conv2d Conv1 => conv1;

        public Conv2d Conv2 => conv2;

        public Tensor Block1(Tensor x) => nn.functional.relu(bn1.call(conv1.call(x)));

        public Tensor Block2(Tensor x) => nn.functional.relu(bn2.call(conv2.call(x)));

        public Tensor Head(Tensor x) => head.call(x);

        public override Tensor forward(Tensor input) => forwardPass(this, input);
    }
}
