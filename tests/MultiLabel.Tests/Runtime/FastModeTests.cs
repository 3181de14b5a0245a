using MultiLabel.Runtime;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Runtime;

[Collection(DisplayGlobalState.Name)]
public sealed class FastModeTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Values_that_switch_fast_mode_on(string? value, bool on) => Assert.Equal(on, FastMode.IsOn(value));

    [Fact]
    public void Choose_follows_the_environment_variable()
    {
        var previous = Environment.GetEnvironmentVariable(FastMode.VariableName);
        try
        {
            Environment.SetEnvironmentVariable(FastMode.VariableName, "1");
            Assert.Equal(2, FastMode.Choose(20, 2));
            Environment.SetEnvironmentVariable(FastMode.VariableName, null);
            Assert.False(FastMode.IsEnabled);
            Assert.Equal(20, FastMode.Choose(20, 2));
        }
        finally
        {
            Environment.SetEnvironmentVariable(FastMode.VariableName, previous);
        }
    }
}
