using System.Globalization;
using MultiLabel.Models.Pretraining;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace MultiLabel.Cli.Commands.Pretrain;

/// <summary>
/// <c>mlc pretrain</c>: trains the kit's small pretrained backbone (<see cref="BackbonePretraining"/>) on the CPU and
/// writes its weights and sha256.
/// </summary>
public sealed class PretrainCommand(IAnsiConsole console) : Command<PretrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PretrainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions();
        var output = Path.GetFullPath(settings.Out!);
        console.MarkupLineInterpolated(
            $"Pretraining a MiniResNet on {options.Images:N0} single-shape images (task: {settings.Task}, data seed {options.DataSeed}), {options.Epochs} epochs, seed {options.Seed}, CPU, {torch.get_num_threads()} threads ...");
        var result = BackbonePretraining.Run(
            options,
            e => console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {e.Epoch}/{options.Epochs}  loss {e.TrainLoss:F4}  train accuracy {e.TrainAccuracy:P1}{(e.ValAccuracy is { } v ? $"  val accuracy {v:P1}" : "")}  {e.Seconds:F1} s")),
            cancellationToken);
        using var model = result.Model;
        string hash;
        try
        {
            hash = BackbonePretraining.Write(model, output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot write '{settings.Out}': {ex.Message}", ex);
        }

        long parameters = model.parameters().Sum(p => p.numel());
        console.MarkupLineInterpolated(
            $"Wrote [bold]{output}[/] ({new FileInfo(output).Length / 1024.0:F0} KiB, {parameters:N0} parameters) and its .sha256 in {result.Seconds:F0} s.");
        console.MarkupLineInterpolated($"sha256 {hash}");
        return ExitCodes.Ok;
    }
}
