using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// <c>mlc bench</c>: every benchmark in one run, each in its own process (so one cannot warm the next), in a fixed
/// order: loader throughput, trainer against a bare loop (small CNN and ResNet-18 at 64 and 128 px), all metrics
/// against scikit-learn, <c>mlc evaluate</c> end to end, and the cold start of a notebook kernel. Each benchmark
/// warms up and repeats itself and prints its ratios; <c>--markdown</c> writes them all with the machine description.
/// </summary>
public sealed class BenchAllCommand(IAnsiConsole console) : Command<BenchAllSettings>
{
    /// <summary>One benchmark: a title and the mlc arguments that run it, or (arguments null) the measurement made here.</summary>
    internal sealed record Section(string Title, string[]? Arguments, Func<(string Command, string Output, bool Ok)>? Measure = null);

    /// <summary>The benchmarks in order.</summary>
    internal static IReadOnlyList<Section> Plan(bool quick)
    {
        // The shipped data at 64 px; the other sizes on images generated in memory (600 for the small CNN, 300 for
        // ResNet-18: about 70% train), so that a run of every benchmark takes minutes on 2 cores, not an hour.
        string[] trainSmall = quick ? ["--count", "300"] : [];
        string[] generated = quick ? ["--count", "200"] : ["--count", "600"];
        string[] resnet = quick ? ["--count", "200"] : ["--count", "300"];
        var sections = new List<Section>
        {
            new("Decoding and augmentation: loader throughput with 1 and 2 workers", quick ? ["bench", "data", "--images", "256"] : ["bench", "data"]),
            new("Trainer against a bare loop on pre-loaded tensors: small CNN, 64 px", ["bench", "train", "--epochs", "2", .. trainSmall]),
            new("Trainer against a bare loop: small CNN, 128 px", ["bench", "train", "--epochs", "2", "--img-size", "128", .. generated]),
            new("Trainer against a bare loop: ResNet-18 (random weights), 64 px", ["bench", "train", "--epochs", "2", "--model", "resnet18", .. resnet]),
        };
        if (!quick)
        {
            sections.Add(new("Trainer against a bare loop: ResNet-18 (random weights), 128 px", ["bench", "train", "--epochs", "2", "--model", "resnet18", "--img-size", "128", .. resnet]));
        }

        sections.Add(new("Training step in fp32, channels-last and bf16 with fp32 master weights: small CNN, 64 px", ["bench", "precision"]));
        sections.Add(new("Training step in fp32, channels-last and bf16: small CNN, 128 px", ["bench", "precision", "--img-size", "128"]));
        sections.Add(new("Training step in fp32, channels-last and bf16: ResNet-18, 64 px", ["bench", "precision", "--model", "resnet18", "--rounds", quick ? "3" : "7"]));
        if (!quick)
        {
            sections.Add(new("Training step in fp32, channels-last and bf16: ResNet-18, 128 px", ["bench", "precision", "--model", "resnet18", "--img-size", "128", "--rounds", "5"]));
            sections.Add(new("The default run (mlc train) in fp32 and in bf16", null, DefaultRunPrecision.Measure));
        }

        sections.Add(new("All metrics against scikit-learn", quick ? ["bench", "metrics", "--rows", "20000", "--repeat", "1"] : ["bench", "metrics"]));
        sections.Add(new("mlc evaluate end to end against numpy.loadtxt + scikit-learn", quick ? ["bench", "evaluate", "--rows", "5000", "--repeat", "1"] : ["bench", "evaluate"]));
        sections.Add(new("Cold start of a notebook kernel to its first executed cell", null, KernelColdStart));
        return sections;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchAllSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var machine = MachineDescription();
        console.WriteLine(machine);
        var report = new StringBuilder("# Benchmarks\n\nWritten by `mlc bench --markdown docs/benchmarks.md`: every figure below comes from the one run described here.\n\n")
            .Append("## Machine\n\n").Append(machine).Append("\n\n");
        int failed = 0;
        foreach (var section in Plan(settings.Quick))
        {
            console.MarkupLineInterpolated($"[bold]== {section.Title}[/]");
            var clock = Stopwatch.StartNew();
            var (command, output, ok) = section.Arguments is { } arguments ? RunMlc(arguments) : section.Measure!();
            failed += ok ? 0 : 1;
            console.WriteLine(output.TrimEnd());
            report.Append("## ").Append(section.Title).Append("\n\n`").Append(command).Append("` (")
                .Append(clock.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)).Append(" s").Append(ok ? string.Empty : ", FAILED").Append(")\n\n```\n")
                .Append(output.TrimEnd()).Append("\n```\n\n");
        }

        report.Append("## Not measured yet\n\n- Grading one full submission: the grading project (issue 15) does not exist yet.\n");
        if (settings.Markdown is { } path)
        {
            AtomicFile.WriteAllText(path, report.ToString());
            console.MarkupLineInterpolated($"Wrote {path}.");
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>Runs mlc with <paramref name="arguments"/> in a child process: the command line, its output, whether it exited with 0.</summary>
    internal static (string Command, string Output, bool Ok) RunMlc(string[] arguments)
    {
        var (file, prefix) = ChildProcessRun.Mlc();
        var run = ChildProcessRun.Run(file, [.. prefix, .. arguments]);
        var output = run.Stdout + (run.ExitCode == 0 ? string.Empty : "\n" + run.Stderr);
        return ("mlc " + string.Join(' ', arguments), output, run.ExitCode == 0);
    }

    /// <summary>Three runs of Jupyter executing a one-cell notebook with the course's .net-csharp kernel spec.</summary>
    private static (string Command, string Output, bool Ok) KernelColdStart()
    {
        const string Command = "jupyter nbconvert --to notebook --execute (one cell: 1 + 1), kernel .net-csharp, 3 runs";
        var course = MultiLabel.Diagnostics.CourseFolder.Find();
        var spec = course is null ? null : Path.Combine(course, ".jupyter");
        if (spec is null || !File.Exists(Path.Combine(spec, "kernels", ".net-csharp", "kernel.json")))
        {
            return (Command, "not measured: no .jupyter/kernels/.net-csharp (run bash scripts/setup.sh --jupyter)", true);
        }

        // Inside the course (artifacts/ is ignored by git): the kernel spec starts the repository's local
        // dotnet-interactive tool, which `dotnet tool run` finds only from a folder of the repository.
        var folder = Path.Combine(course!, "artifacts", $"bench-kernel-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            var notebook = Path.Combine(folder, "cold.ipynb");
            File.WriteAllText(notebook, """
                {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["1 + 1"]}],
                 "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
            var seconds = new List<double>();
            var environment = new Dictionary<string, string> { ["JUPYTER_PATH"] = spec };
            for (int i = 0; i < 3; i++)
            {
                var run = ChildProcessRun.Run("jupyter-nbconvert", ["--to", "notebook", "--execute", notebook, "--output", $"out{i}.ipynb"], environment, folder);
                if (run.ExitCode != 0)
                {
                    return (Command, $"jupyter-nbconvert failed ({run.ExitCode}): {run.Stderr.Trim().Split('\n')[^1]}", false);
                }

                seconds.Add(run.Seconds);
            }

            seconds.Sort();
            return (Command, string.Create(CultureInfo.InvariantCulture, $"kernel start to the first executed cell, process included: median {seconds[1]:F2} s (range {seconds[0]:F2}-{seconds[2]:F2} s)"), true);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (Command, $"not measured: jupyter-nbconvert cannot start ({ex.Message}; run bash scripts/setup.sh --jupyter)", true);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly string[] InstructionSets = ["avx2", "avx512f", "avx512_bf16", "amx_bf16"];

    /// <summary>What the figures depend on: processor, cores, memory, OS, runtimes, instruction sets.</summary>
    internal static string MachineDescription()
    {
        string cpu = RuntimeInformation.ProcessArchitecture.ToString(), flags = string.Empty, memory = "?";
        if (File.Exists("/proc/cpuinfo"))
        {
            var info = File.ReadAllLines("/proc/cpuinfo");
            cpu = info.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            var all = (info.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(':', 2)[1] ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            flags = string.Join(", ", InstructionSets.Where(all.Contains));
        }

        if (File.Exists("/proc/meminfo"))
        {
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            memory = total is null ? memory : $"{long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / (1024.0 * 1024):F1} GiB";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| | |\n|---|---|\n| date | {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC |\n| processor | {cpu} ({flags}) |\n| cores | {Environment.ProcessorCount} |\n| memory | {memory} |\n" +
            $"| OS | {RuntimeInformation.OSDescription} |\n| .NET | {Environment.Version} |\n| TorchSharp | {typeof(TorchSharp.torch).Assembly.GetName().Version} (CPU backend unless TorchBackend says otherwise) |");
    }
}
