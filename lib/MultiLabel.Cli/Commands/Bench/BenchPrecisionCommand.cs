using System.Diagnostics;
using System.Globalization;
using MultiLabel.Losses;
using MultiLabel.Models;
using MultiLabel.Runtime;
using MultiLabel.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Cli.Commands.Bench;

/// <summary>
/// <c>mlc bench precision</c>: the time of one training step (zero_grad, forward, BCE, backward, AdamW step) of the
/// same model on the same batch in float32, float32 channels-last, bf16 with float32 master weights
/// (<see cref="MixedPrecision"/>) and bf16 channels-last; the variants take turns step by step, so a drifting machine
/// load hits them alike, and the medians and their ratios to float32 are printed.
/// </summary>
public sealed class BenchPrecisionCommand(IAnsiConsole console) : Command<BenchPrecisionSettings>
{
    private const int Labels = 5;

    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchPrecisionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TorchRuntime.EnsureLoaded();
        var cpu = CpuFeatures.Current;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Model} at {settings.ImageSize} px, batch {settings.BatchSize}, {torch.get_num_threads()} torch threads, CPU: {cpu.Model} (bf16 instructions: {(cpu.NativeBf16 ? "yes" : "no, bf16 is emulated")})."));
        Trainer.Seed(0);
        using var images = randn(settings.BatchSize, 3, settings.ImageSize, settings.ImageSize);
        using var targets = (rand(settings.BatchSize, Labels) > 0.7).to(ScalarType.Float32);
        var variants = new List<Variant>
        {
            new("fp32", settings.Model, null, false),
            new("fp32 channels-last", settings.Model, null, true),
            new("bf16, fp32 master weights", settings.Model, ScalarType.BFloat16, false),
            new("bf16 channels-last, fp32 master weights", settings.Model, ScalarType.BFloat16, true),
        };
        try
        {
            foreach (var variant in variants)
            {
                variant.Step(images, targets); // warm-up: oneDNN primitives, optimizer state
                variant.Step(images, targets);
            }

            for (int round = 0; round < settings.Rounds; round++)
            {
                foreach (var variant in variants)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    variant.Times.Add(variant.Step(images, targets));
                }
            }

            var table = new Table().AddColumn("variant").AddColumn(new TableColumn("median ms/step").RightAligned())
                .AddColumn(new TableColumn("range").RightAligned()).AddColumn(new TableColumn("speed-up vs fp32").RightAligned());
            double fp32 = Median(variants[0].Times);
            foreach (var v in variants)
            {
                double median = Median(v.Times);
                table.AddRow(v.Name, F(median, "F1"), $"{F(v.Times.Min(), "F1")}-{F(v.Times.Max(), "F1")}", F(fp32 / median, "F2") + "x");
            }

            console.Write(table);
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var variant in variants)
            {
                variant.Dispose();
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>One way to compute a training step, with its own model and optimizer.</summary>
    private sealed class Variant : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> model;
        private readonly MixedPrecision? precision;
        private readonly TorchSharp.Modules.AdamW optimizer;
        private readonly BceLoss loss = new();
        private readonly bool channelsLast;

        public Variant(string name, string modelName, ScalarType? low, bool channelsLast)
        {
            Name = name;
            this.channelsLast = channelsLast && low is null;
            var options = new ModelOptions(modelName);
            model = ModelCatalog.Create(options, Labels);
            if (this.channelsLast)
            {
                ChannelsLast.Apply(model);
            }

            precision = low is { } type ? new MixedPrecision(model, ModelCatalog.Create(options, Labels), type, CPU, channelsLast) : null;
            optimizer = optim.AdamW(model.parameters(), lr: 1e-3);
            model.train();
        }

        public string Name { get; }

        public List<double> Times { get; } = [];

        /// <summary>One training step; returns its milliseconds.</summary>
        public double Step(Tensor images, Tensor targets)
        {
            var clock = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var input = channelsLast ? ChannelsLast.Of(images) : images;
                var logits = precision is null ? model.call(input) : precision.Forward(input);
                loss.call(logits, targets).backward();
                precision?.MoveGradientsToMaster();
                optimizer.step();
            }

            return clock.Elapsed.TotalMilliseconds;
        }

        public void Dispose()
        {
            optimizer.Dispose();
            precision?.Dispose();
            loss.Dispose();
            model.Dispose();
        }
    }
}
