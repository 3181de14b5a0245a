using MultiLabel.Data;

namespace MultiLabel.Tests.Data;

public sealed class LabelVocabularyTests
{
    [Fact]
    public void Encode_and_decode_round_trip()
    {
        var vocab = new LabelVocabulary(["cat", "dog", "bird"]);
        var target = vocab.Encode(["bird", "cat"]);
        Assert.Equal(new[] { 1f, 0f, 1f }, target);
        Assert.Equal(new[] { "cat", "bird" }, vocab.Decode(target));
        Assert.Empty(vocab.Decode(new float[3]));
    }

    [Fact]
    public void Unknown_label_names_the_label_and_the_known_ones()
    {
        var vocab = new LabelVocabulary(["cat", "dog"]);
        var ex = Assert.Throws<KeyNotFoundException>(() => vocab.Encode(["cow"]));
        Assert.Contains("'cow'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cat, dog", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("a b", "c")]
    [InlineData("", "c")]
    public void Duplicate_or_malformed_names_are_rejected(string first, string second) =>
        Assert.Throws<ArgumentException>(() => new LabelVocabulary([first, second]));
}
