using MultiLabel.Cli.Commands.Bench;

namespace MultiLabel.Tests.Cli;

/// <summary><c>mlc bench</c> runs every benchmark: the plan covers what the issue lists, and every step is a valid mlc command line.</summary>
public sealed class BenchAllTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_plan_runs_every_benchmark_with_options_that_exist(bool quick)
    {
        var plan = BenchAllCommand.Plan(quick);
        var commands = plan.Where(s => s.Arguments is not null).Select(s => string.Join(' ', s.Arguments!.TakeWhile(a => !a.StartsWith('-')))).ToList();
        Assert.Contains("bench data", commands);
        Assert.Contains("bench metrics", commands);
        Assert.Contains("bench evaluate", commands);
        Assert.Contains(plan, s => s.Arguments is null && s.Measure is not null && s.Title.Contains("notebook kernel", StringComparison.Ordinal));
        Assert.All(plan, s => Assert.True(s.Arguments is null != s.Measure is null, s.Title));
        var precision = plan.Where(s => s.Arguments?.Take(2).SequenceEqual(["bench", "precision"]) == true).Select(s => string.Join(' ', s.Arguments!)).ToList();
        Assert.Contains(precision, t => !t.Contains("--model", StringComparison.Ordinal) && t.Contains("--img-size 128", StringComparison.Ordinal));
        Assert.Contains(precision, t => t.Contains("--model resnet18", StringComparison.Ordinal) && !t.Contains("--img-size", StringComparison.Ordinal));
        Assert.Equal(!quick, precision.Any(t => t.Contains("--model resnet18", StringComparison.Ordinal) && t.Contains("--img-size 128", StringComparison.Ordinal)));
        Assert.Equal(!quick, plan.Any(s => s.Title.Contains("default run", StringComparison.Ordinal) && s.Measure is not null));
        var train = plan.Where(s => s.Arguments?.Take(2).SequenceEqual(["bench", "train"]) == true).Select(s => string.Join(' ', s.Arguments!)).ToList();
        Assert.Contains(train, t => !t.Contains("--model", StringComparison.Ordinal) && !t.Contains("--img-size", StringComparison.Ordinal));
        Assert.Contains(train, t => !t.Contains("--model", StringComparison.Ordinal) && t.Contains("--img-size 128", StringComparison.Ordinal));
        Assert.Contains(train, t => t.Contains("--model resnet18", StringComparison.Ordinal) && !t.Contains("--img-size", StringComparison.Ordinal));
        Assert.Equal(!quick, train.Any(t => t.Contains("--model resnet18", StringComparison.Ordinal) && t.Contains("--img-size 128", StringComparison.Ordinal)));

        foreach (var section in plan.Where(s => s.Arguments is not null))
        {
            var verb = section.Arguments!.TakeWhile(a => !a.StartsWith('-')).ToArray();
            var (code, help) = InProcessMlc.Run([.. verb, "--help"]);
            Assert.Equal(0, code);
            foreach (var option in section.Arguments!.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
            {
                Assert.True(help.Contains(option + " ", StringComparison.Ordinal), $"mlc {string.Join(' ', verb)} has no option {option}");
            }
        }
    }

    [Fact]
    public void The_machine_description_names_what_the_figures_depend_on()
    {
        var text = BenchAllCommand.MachineDescription();
        foreach (var row in new[] { "| processor |", "| cores | " + Environment.ProcessorCount, "| memory |", "| OS |", "| .NET |", "| TorchSharp |" })
        {
            Assert.Contains(row, text, StringComparison.Ordinal);
        }
    }
}
