using MultiLabel.Exercises;

namespace MultiLabel.Tests.Exercises;

public sealed class SolutionMarkersTests
{
    private const string Source = """
        // EXERCISE 02.3: multi-hot (2 points)
        Tensor MultiHot(int[][] labelLists, int numLabels)
        {
            // BEGIN SOLUTION
            var data = new float[3];
            if (numLabels > 0)
            {
                data[0] = 1f;
            }

            return torch.tensor(data);
            // END SOLUTION
        }

        Lesson02.MultiHot.Check(MultiHot);
        """;

    private const string Released = """
        // EXERCISE 02.3: multi-hot (2 points)
        Tensor MultiHot(int[][] labelLists, int numLabels)
        {
            // BEGIN SOLUTION
            throw new NotImplementedException();
            // END SOLUTION
        }

        Lesson02.MultiHot.Check(MultiHot);
        """;

    [Fact]
    public void Strip_replaces_the_region_with_the_placeholder_and_keeps_markers_and_indentation()
    {
        Assert.Equal(Released, SolutionMarkers.Strip(Source));
        Assert.Equal(Released, SolutionMarkers.Strip(Released));
        Assert.True(SolutionMarkers.IsReleased(Released));
        Assert.False(SolutionMarkers.IsReleased(Source));
    }

    [Fact]
    public void Fill_indents_the_solution_like_the_marker_and_strip_undoes_it()
    {
        var solution = "var data = new float[3];\nif (numLabels > 0)\n{\n    data[0] = 1f;\n}\n\nreturn torch.tensor(data);";
        var filled = SolutionMarkers.Fill(Released, solution);
        Assert.Equal(Source, filled);
        Assert.Equal(Released, SolutionMarkers.Strip(filled));
        var indented = string.Join("\n", solution.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
        Assert.Equal(indented, SolutionMarkers.LearnerCode(filled));
    }

    [Fact]
    public void The_exercise_id_comes_from_the_exercise_comment()
    {
        Assert.Equal("02.3", SolutionMarkers.ExerciseId(Source));
        Assert.Equal("00.1", SolutionMarkers.ExerciseId("// EXERCISE 00.1\nint X() => 1;"));
        Assert.Null(SolutionMarkers.ExerciseId("var x = 1; // not an exercise"));
    }

    [Theory]
    [InlineData("a\n// BEGIN SOLUTION\nb", "line 2: '// BEGIN SOLUTION' is never closed")]
    [InlineData("a\nb\n// END SOLUTION", "line 3: '// END SOLUTION' without a '// BEGIN SOLUTION'")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "line 2: '// BEGIN SOLUTION' inside the region opened on line 1")]
    public void Unpaired_markers_are_reported_with_their_line(string code, string message)
    {
        var error = Assert.Throws<FormatException>(() => SolutionMarkers.FindRegions(code));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_needs_exactly_one_region()
    {
        Assert.Throws<FormatException>(() => SolutionMarkers.Fill("int x = 1;", "x"));
        var two = "// BEGIN SOLUTION\na\n// END SOLUTION\n// BEGIN SOLUTION\nb\n// END SOLUTION";
        Assert.Throws<FormatException>(() => SolutionMarkers.Fill(two, "x"));
        Assert.Equal("// BEGIN SOLUTION\nthrow new NotImplementedException();\n// END SOLUTION\n// BEGIN SOLUTION\nthrow new NotImplementedException();\n// END SOLUTION",
            SolutionMarkers.Strip(two));
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        Assert.Equal(Released, SolutionMarkers.Strip(Source.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }
}
