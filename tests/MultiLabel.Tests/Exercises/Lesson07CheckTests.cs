using System.Text;
using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static MultiLabel.Tests.Exercises.ExerciseRunner;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Exercises;

/// <summary>Typical wrong answers of lesson 07 are rejected, each with the message that names its mistake.</summary>
[Collection(DisplayGlobalState.Name)]
public sealed class Lesson07CheckTests
{
    [Fact]
    public void TrainStep_passes_the_model_answer_and_rejects_no_zero_grad_bce_on_logits_sigmoid_then_bce_step_before_backward_and_no_clip()
    {
        var check = Lesson07.TrainStep;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((m, o, x, y, c) => Step(m, o, x, y, c, zero: false)), "add up in .grad");
        Rejected(check.Evaluate((m, o, x, y, c) => Step(m, o, x, y, c, loss: (z, t) => nn.functional.binary_cross_entropy(z, t))), "use binary_cross_entropy_with_logits");
        Rejected(check.Evaluate((m, o, x, y, c) => Step(m, o, x, y, c, loss: (z, t) => nn.functional.binary_cross_entropy(z.sigmoid(), t))), "On saturated logits");
        Rejected(check.Evaluate((m, o, x, y, c) => Step(m, o, x, y, c, clip: false)), "above maxNorm: clip them");
        Rejected(check.Evaluate((m, o, x, y, c) => Step(m, o, x, y, c, clipAfterStep: true)), "backward, clip, then step");
        Rejected(check.Evaluate((m, o, x, y, c) => Step(m, o, x, y, c, step: false)), "did not change");
        Rejected(check.Evaluate((m, o, x, y, c) =>
        {
            o.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(m.call(x), y);
            o.step();
            loss.backward();
            return loss.item<float>();
        }), "Backward first, then step");
    }

    [Fact]
    public void Validate_passes_the_model_answer_and_rejects_train_mode_gradients_a_mean_of_batch_means_and_a_sum()
    {
        var check = Lesson07.Validate;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((m, b) => Validation(m, b, eval: false)), "ran in training mode: call model.eval()");
        Rejected(check.Evaluate((m, b) => Validation(m, b, noGrad: false)), "ran with gradients enabled");
        Rejected(check.Evaluate((m, b) => Validation(m, b, perBatch: true)), "mean of the batches' mean losses");
        Rejected(check.Evaluate((m, b) => Validation(m, b, perBatch: true) * b.Count), "sum of the batches' losses");
        Rejected(check.Evaluate((m, b) => 0.5), "never called the model");
    }

    [Fact]
    public void Checkpoint_passes_the_model_answer_and_rejects_a_forgotten_optimizer_references_a_wrong_epoch_and_no_load()
    {
        var check = Lesson07.Checkpoint;
        Assert.Equal(CheckStatus.Passed, check.Evaluate(check.ModelAnswer).Status);
        Rejected(check.Evaluate((model, optimizer, epoch) =>
        {
            var weights = Copy(model);
            return (fresh, freshOptimizer) =>
            {
                Load(fresh, weights);
                return epoch;
            };
        }), "AdamW's state");
        Rejected(check.Evaluate((model, optimizer, epoch) =>
        {
            var weights = model.state_dict(); // references, not copies
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                optimizer.save_state_dict(writer);
            }

            var bytes = stream.ToArray();
            return (fresh, freshOptimizer) =>
            {
                fresh.load_state_dict(weights);
                using var reader = new BinaryReader(new MemoryStream(bytes));
                freshOptimizer.load_state_dict(reader);
                return epoch;
            };
        }), "references to the live tensors");
        Rejected(check.Evaluate((model, optimizer, epoch) =>
        {
            var restore = check.ModelAnswer(model, optimizer, epoch);
            return (fresh, freshOptimizer) => restore(fresh, freshOptimizer) + 1;
        }), "return the epoch the checkpoint was taken at");
        Rejected(check.Evaluate((model, optimizer, epoch) => (fresh, freshOptimizer) => epoch), "left the fresh model's weights as they were");
        Rejected(check.Evaluate((model, optimizer, epoch) => null!), "returned null");
    }

    private static double Step(
        nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, double maxNorm,
        bool zero = true, bool step = true, bool clip = true, bool clipAfterStep = false, Func<Tensor, Tensor, Tensor>? loss = null)
    {
        if (zero)
        {
            optimizer.zero_grad();
        }

        var value = (loss ?? ((z, t) => nn.functional.binary_cross_entropy_with_logits(z, t)))(model.call(x), y);
        value.backward();
        if (clip && !clipAfterStep)
        {
            nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
        }

        if (step)
        {
            optimizer.step();
        }

        if (clipAfterStep)
        {
            nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
        }

        return value.item<float>();
    }

    private static double Validation(nn.Module<Tensor, Tensor> model, IReadOnlyList<(Tensor Images, Tensor Targets)> batches, bool eval = true, bool noGrad = true, bool perBatch = false)
    {
        if (eval)
        {
            model.eval();
        }

        using var scope = noGrad ? torch.no_grad() : null;
        double sum = 0;
        long images = 0;
        foreach (var (x, y) in batches)
        {
            double loss = nn.functional.binary_cross_entropy_with_logits(model.call(x), y).item<float>();
            sum += perBatch ? loss : loss * x.shape[0];
            images += perBatch ? 1 : x.shape[0];
        }

        return sum / images;
    }

    private static Dictionary<string, Tensor> Copy(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void Load(nn.Module model, Dictionary<string, Tensor> weights) => model.load_state_dict(weights);
}
