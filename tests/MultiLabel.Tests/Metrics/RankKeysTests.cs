using MultiLabel.Metrics;
using static TorchSharp.torch;

namespace MultiLabel.Tests.Metrics;

public sealed class RankKeysTests
{
    [Fact]
    public void Int_keys_order_float32_scores_from_high_to_low_and_keep_ties()
    {
        float[] scores = [1f, -0f, 0f, float.Epsilon, -float.Epsilon, 0.5f, -0.5f, -3e38f, 3e38f, 0.3f, 0.3f, -7.25f, float.PositiveInfinity, float.NegativeInfinity];
        using var scope = NewDisposeScope();
        var keys = RankKeys.Of(tensor(scores)).data<int>().ToArray();
        for (int i = 0; i < scores.Length; i++)
        {
            for (int j = 0; j < scores.Length; j++)
            {
                // ascending keys = descending scores; equal keys exactly for equal scores (-0 == +0)
                Assert.Equal(scores[j].CompareTo(scores[i]) == 0 ? 0 : Math.Sign(scores[j].CompareTo(scores[i])), Math.Sign(keys[i].CompareTo(keys[j])));
            }
        }
    }
}
