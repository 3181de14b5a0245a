using MultiLabel.Data;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Data;

public sealed class LabelFileTests
{
    private static LabelTable Parse(string text, LabelVocabulary? labels = null, LabelFileFormat format = LabelFileFormat.Auto) =>
        LabelFile.Parse(text.Split('\n'), "labels.csv", labels, format);

    private static DataFormatException Bad(string text, LabelVocabulary? labels = null) =>
        Assert.Throws<DataFormatException>(() => Parse(text, labels));

    [Fact]
    public void Space_separated_rows_with_splits_and_an_empty_label_set()
    {
        var table = Parse("fname,labels,split\na.png,dog cat,train\nb.png,,val\n\"c,1.png\",  cat ,test\n");
        Assert.Equal(new[] { "cat", "dog" }, table.Labels.Names);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(new LabelRow("a.png", ["cat", "dog"], Split.Train, 2), table.Rows[0] with { Labels = table.Rows[0].Labels.ToArray() }, new RowComparer());
        Assert.Empty(table.Rows[1].Labels);
        Assert.Equal("c,1.png", table.Rows[2].FileName);
        Assert.Equal(new float[] { 1, 1 }, table.Target(table.Rows[0]));
        Assert.Equal(new float[] { 0, 0 }, table.Target(table.Rows[1]));
        Assert.Single(table.OfSplit(Split.Val).Rows);
        Assert.True(table.HasSplits);
    }

    [Fact]
    public void One_hot_rows_keep_the_header_order_and_allow_a_split_column_anywhere()
    {
        var table = Parse("image,split,zebra,ant\nx.jpg,train,1,0\ny.jpg,test,0,0\nz.jpg,valid,1,1\n");
        Assert.Equal(new[] { "zebra", "ant" }, table.Labels.Names);
        Assert.Equal(new[] { "zebra", "ant" }, table.Rows[2].Labels);
        Assert.Equal(Split.Val, table.Rows[2].Split);
        Assert.Empty(table.Rows[1].Labels);
    }

    [Fact]
    public void A_given_vocabulary_fixes_the_order_and_rejects_unknown_labels()
    {
        var vocab = new LabelVocabulary(["dog", "cat"]);
        var table = Parse("fname,labels\na.png,cat dog\n", vocab);
        Assert.Equal(new float[] { 1, 1 }, table.Target(table.Rows[0]));
        Assert.Equal(new[] { "dog", "cat" }, table.Rows[0].Labels);
        var ex = Bad("fname,labels\na.png,cat\nb.png,cow\n", vocab);
        Assert.Equal("labels.csv:3: unknown label 'cow'; known labels: dog, cat.", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Theory]
    [InlineData("", "labels.csv: the label file is empty")]
    [InlineData("\n\n", "labels.csv: the label file is empty")]
    [InlineData("fname,labels\n", "labels.csv: the label file has a header but no rows.")]
    [InlineData("fname\na.png\n", "labels.csv:1: the header 'fname' has 1 column")]
    [InlineData("fname,cat,dog\na.png,1,0\nb.png,1\n", "labels.csv:3: expected 3 fields (fname,cat,dog), found 2.")]
    [InlineData("fname,cat,dog\na.png,1,2\n", "labels.csv:2: column 'dog' holds '2'; one-hot cells must be 0 or 1.")]
    [InlineData("fname,labels\na.png,cat\nb.png,dog\na.png,dog\n", "labels.csv:4: duplicate file name 'a.png' (first on line 2).")]
    [InlineData("fname,labels,split\na.png,cat,training\n", "labels.csv:2: unknown split 'training'; use train, val or test.")]
    [InlineData("fname,labels\n,cat\n", "labels.csv:2: the file name is empty.")]
    [InlineData("fname,labels\n\"a.png,cat\n", "labels.csv:2: a quoted field is not closed.")]
    [InlineData("fname,labels,other\na.png,cat,x\n", "labels.csv:1: a space-separated label file has the columns fname,labels[,split]")]
    public void Bad_files_name_the_file_and_line(string text, string message)
    {
        var ex = Bad(text);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("nope.csv");
        var ex = Assert.Throws<DataFormatException>(() => LabelFile.Read(path));
        Assert.Equal($"{path}: label file not found.", ex.Message);
    }

    [Fact]
    public void Written_files_read_back_identically_in_both_conventions()
    {
        using var tmp = new TempDir();
        var vocab = new LabelVocabulary(["circle", "square", "star"]);
        LabelRow[] rows =
        [
            new("a.png", ["circle", "star"], Split.Train, 0),
            new("b b.png", [], Split.Test, 0),
            new("c,\"q\".png", ["square"], Split.Val, 0),
        ];
        LabelFile.WriteSpaceSeparated(tmp.Combine("space.csv"), rows, includeSplit: true);
        LabelFile.WriteOneHot(tmp.Combine("onehot.csv"), vocab, rows, includeSplit: true);

        foreach (var file in new[] { "space.csv", "onehot.csv" })
        {
            var table = LabelFile.Read(tmp.Combine(file), vocab);
            Assert.Equal(rows.Select(r => (r.FileName, string.Join(" ", r.Labels), r.Split)), table.Rows.Select(r => (r.FileName, string.Join(" ", r.Labels), r.Split)));
        }

        Assert.Equal("fname,circle,square,star,split", File.ReadAllLines(tmp.Combine("onehot.csv"))[0]);
        Assert.Equal("a.png,circle star,train", File.ReadAllLines(tmp.Combine("space.csv"))[1]);
    }

    [Fact]
    public void Format_can_be_forced()
    {
        // "labels" as a one-hot column name is legal when the caller says so.
        var table = Parse("fname,labels\na.png,1\n", format: LabelFileFormat.OneHot);
        Assert.Equal(new[] { "labels" }, table.Labels.Names);
    }

    private sealed class RowComparer : IEqualityComparer<LabelRow>
    {
        public bool Equals(LabelRow? x, LabelRow? y) =>
            x is not null && y is not null && x.FileName == y.FileName && x.Labels.SequenceEqual(y.Labels) && x.Split == y.Split && x.Line == y.Line;

        public int GetHashCode(LabelRow obj) => obj.FileName.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_label_cell_with_a_comma_is_a_data_error_naming_its_line()
    {
        // Found by FuzzTests: LabelVocabulary's ArgumentException escaped as an unexplained crash.
        var ex = Assert.Throws<DataFormatException>(() => Parse("fname,labels\na.png,cat\nb.png,\"cat,dog\"\n"));
        Assert.Equal(3, ex.Line);
        Assert.Contains("labels.csv:3: bad label name: Label name 'cat,dog'", ex.Message, StringComparison.Ordinal);
    }
}
