using MultiLabel.Augment;
using MultiLabel.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Augment;

/// <summary>The trap lesson 05 shows: torchvision's random transforms decide once per call, for a whole batch.</summary>
public sealed class TorchVisionTransformsTests
{
    [Fact]
    public void Torchvision_random_flip_flips_a_whole_batch_or_none_of_it()
    {
        using var scope = NewDisposeScope();
        var state = get_rng_state();
        try
        {
            manual_seed(0);   // the transform draws from torch's global generator
            var batch = rand(8, 3, 4, 5);
            var flip = TorchVisionTransforms.RandomHorizontalFlip(0.5);
            var seen = new HashSet<string>();
            for (int call = 0; call < 12; call++)
            {
                var result = flip(batch);
                var pattern = string.Concat(Enumerable.Range(0, 8).Select(i => result[i].allclose(batch[i].flip(-1), 0, 0) ? "F" : result[i].allclose(batch[i], 0, 0) ? "." : "?"));
                Assert.True(pattern is "FFFFFFFF" or "........", pattern);
                seen.Add(pattern);
            }

            Assert.Equal(2, seen.Count);
        }
        finally
        {
            set_rng_state(state);
        }
    }

    [Fact]
    public void Torchvision_colour_jitter_uses_one_brightness_factor_per_batch()
    {
        using var scope = NewDisposeScope();
        var state = get_rng_state();
        try
        {
            manual_seed(0);
            var batch = rand(6, 3, 4, 4) * 0.5;   // no value reaches 1, so nothing is clipped
            var jittered = TorchVisionTransforms.ColorJitter(0.5f)(batch);
            var factors = (jittered.mean([1, 2, 3]) / batch.mean([1, 2, 3])).data<float>().ToArray();
            Assert.All(factors, f => Assert.Equal(factors[0], f, 4));
        }
        finally
        {
            set_rng_state(state);
        }
    }

    [Fact]
    public void The_torchvision_dll_is_found_beside_torchsharp_in_a_package_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), $"mlc-packages-{Guid.NewGuid():N}");
        try
        {
            var torchSharp = Path.Combine(root, "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");
            var torchVision = Path.Combine(root, "torchvision", "0.107.0", "lib", "net8.0", "TorchVision.dll");
            Directory.CreateDirectory(Path.GetDirectoryName(torchSharp)!);
            Assert.Null(TorchVisionAssembly.Candidate(torchSharp, new Version(0, 107, 0, 0)));
            Directory.CreateDirectory(Path.GetDirectoryName(torchVision)!);
            File.WriteAllBytes(torchVision, []);
            Assert.Equal(torchVision, TorchVisionAssembly.Candidate(torchSharp, new Version(0, 107, 0, 0)));
            Assert.Null(TorchVisionAssembly.Candidate(torchSharp, new Version(0, 106, 0, 0)));
            TorchVisionAssembly.EnsureResolvable();
            TorchVisionAssembly.EnsureResolvable(); // installing twice is harmless
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
