// The second half of the notebook set-up, run by setup.csx once TorchSharp and the course library are loaded: the
// namespaces the lessons use, the display bridge, and a check of this CPU's convolutions. Do not import it directly.
using System.IO;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;
using MultiLabel.Exercises;
using MultiLabel.Exercises.Lessons;
using MultiLabel.Runtime;
using MultiLabel.Viz;

// The bridge between the library and the notebook kernel: the library hands over HTML with a display id, the kernel
// shows it, and later replaces it in place (live charts). The library itself does not reference the kernel.
static class KernelBridge
{
    public static void Publish(string id, string html, bool update)
    {
        var context = Microsoft.DotNet.Interactive.KernelInvocationContext.Current;
        if (context is null)
        {
            return; // no cell is running (e.g. a timer after the cell ended): nothing to show it in
        }

        var values = new[] { new Microsoft.DotNet.Interactive.Formatting.FormattedValue("text/html", html) };
        context.Publish(update
            ? new Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated(html, id, context.Command, values)
            : new Microsoft.DotNet.Interactive.Events.DisplayedValueProduced(html, context.Command, values, id));
    }

    public static void QuietAssemblyVersionWarnings()
    {
        var kernel = Microsoft.DotNet.Interactive.KernelInvocationContext.Current?.HandlingKernel;
        var field = kernel?.GetType().GetField("_scriptOptions", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        if (field?.GetValue(kernel) is Microsoft.CodeAnalysis.Scripting.ScriptOptions options)
        {
            field.SetValue(kernel, options.WithWarningLevel(1));
        }
    }
}

// TorchSharp is built for .NET 8, so cells that create tensors would print the harmless warning CS1701 ("Assuming
// assembly reference ... matches identity"). Project builds never show it (the .NET SDK suppresses it); the kernel
// has no option for it, so this lowers the pinned kernel's warning level to 1 (errors and level-1 warnings still
// show). A kernel without that private field is left as it is.
KernelBridge.QuietAssemblyVersionWarnings();
new NotebookDisplaySink((id, html) => KernelBridge.Publish(id, html, update: false), (id, html) => KernelBridge.Publish(id, html, update: true)).Connect();
foreach (var richType in Display.RichTypes)
{
    Microsoft.DotNet.Interactive.Formatting.Formatter.Register(richType, (value, writer) => writer.Write(Display.HtmlOf(value)), "text/html");
}

// CUDA must be initialised explicitly in a notebook before it can be detected (false with the CPU package).
TorchRuntime.EnsureLoaded();
torch.TryInitializeDeviceType(DeviceType.CUDA);
// The lessons build narrow CNNs: check once that this CPU computes their gradients right (see ConvolutionCheck).
var convolutionCheck = ConvolutionCheck.EnsureCorrectGradients(TextWriter.Null); // the line below reports it
Console.WriteLine($"MultiLabel course library ready · TorchSharp {typeof(torch).Assembly.GetName().Version} · " +
                  $"backend {(Environment.GetEnvironmentVariable("TorchBackend") is { Length: > 0 } backend ? backend.Trim() : "cpu")} · " +
                  $"CUDA {(torch.cuda.is_available() ? "available" : "not available")} · fast mode {(FastMode.IsEnabled ? "on" : "off")} · " +
                  $"CPU convolutions {(convolutionCheck.OneDnnCorrect ? "oneDNN" : convolutionCheck.OneDnnTurnedOff ? "ATen im2col (oneDNN is faulty on this CPU, see DEVELOPERS.md)" : "oneDNN, faulty for channel counts off multiples of 16")}");
