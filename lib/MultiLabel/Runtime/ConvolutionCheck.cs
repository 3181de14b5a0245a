using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabel.Runtime;

/// <summary>
/// Guards against a fault of oneDNN, the library behind TorchSharp's CPU convolutions: on some machines (measured on a
/// virtualized AMD EPYC with AVX-512, libtorch 2.10) its backward-by-data convolution returns wrong, sometimes NaN and
/// run-to-run different, input gradients when a layer's channel count is not a multiple of 16 (4, 8, 12, 20, 24, 40
/// failed; 16, 32, 48, 64, 128 were right), so such a CNN trains to NaN within a few batches.
/// <see cref="EnsureCorrectGradients"/> runs a check of a few tens of milliseconds once per process, against an
/// unfold-and-matmul reference that no oneDNN kernel computes, and when it fails turns oneDNN off for convolutions
/// (ATen's own im2col path: correct, slower). <c>MLC_ONEDNN=on</c> keeps oneDNN anyway. The trainer and
/// <see cref="Models.SmallCnn"/> call <see cref="EnsureCorrectGradientsFor"/>, which checks only when a model has such
/// layers (the default 16-wide CNN and the ResNets have none), and the notebooks' setup.csx always checks.
/// </summary>
public static partial class ConvolutionCheck
{
    /// <summary>oneDNN's kernels were right on the faulty machine for channel counts that are multiples of this.</summary>
    public const int SafeChannelMultiple = 16;

    /// <summary>The environment variable that keeps oneDNN on even when the check fails (value <c>on</c>).</summary>
    public const string OverrideVariable = "MLC_ONEDNN";

    private static readonly Lock Gate = new();
    private static ConvolutionCheckResult? result;

    /// <summary>The outcome of the check in this process, or null when it has not run.</summary>
    public static ConvolutionCheckResult? Result
    {
        get
        {
            lock (Gate)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Runs the check once per process; when oneDNN's small-channel convolution gradients are wrong, turns oneDNN off
    /// for every later convolution (unless <c>MLC_ONEDNN=on</c>) and writes one line to standard error.
    /// </summary>
    /// <param name="report">Where the one line goes when the check fails (default: standard error); a notebook that
    /// shows <see cref="ConvolutionCheckResult.Message"/> itself passes <see cref="TextWriter.Null"/>.</param>
    /// <returns>The outcome; later calls return the first one.</returns>
    public static ConvolutionCheckResult EnsureCorrectGradients(TextWriter? report = null)
    {
        lock (Gate)
        {
            if (result is not null)
            {
                return result;
            }

            TorchRuntime.EnsureLoaded();
            var error = MaxGradientError();
            if (error <= Tolerance)
            {
                result = new ConvolutionCheckResult(OneDnnCorrect: true, OneDnnTurnedOff: false, error, "oneDNN convolution gradients are correct on this machine.");
                return result;
            }

            var shown = double.IsNaN(error) ? "NaN" : error.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
            var cause = $"oneDNN's convolution gradients are wrong on this CPU for channel counts that are not multiples of {SafeChannelMultiple} (max error {shown}).";
            if (string.Equals(Environment.GetEnvironmentVariable(OverrideVariable), "on", StringComparison.OrdinalIgnoreCase))
            {
                result = new ConvolutionCheckResult(false, false, error, cause + $" Kept on because {OverrideVariable}=on: use channel counts that are multiples of {SafeChannelMultiple}.");
            }
            else
            {
                var off = TryDisableOneDnn(out var why);
                result = new ConvolutionCheckResult(false, off, error, off
                    ? cause + $" Convolutions now use ATen's im2col path (correct, slower); {OverrideVariable}=on keeps oneDNN."
                    : cause + $" oneDNN could not be turned off ({why}): use channel counts that are multiples of {SafeChannelMultiple}.");
            }

            (report ?? Console.Error).WriteLine("MultiLabel: " + result.Message);
            return result;
        }
    }

    /// <summary>
    /// Runs <see cref="EnsureCorrectGradients"/> when <paramref name="model"/> has a 2-D convolution whose channel counts
    /// are not multiples of <see cref="SafeChannelMultiple"/> (an image input of at most 4 channels does not count: its
    /// gradient is not computed); otherwise returns null without checking.
    /// </summary>
    public static ConvolutionCheckResult? EnsureCorrectGradientsFor(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return HasUnsafeConvolution(model) ? EnsureCorrectGradients() : null;
    }

    /// <summary>Whether a convolution of <paramref name="model"/> has channel counts the faulty kernels get wrong.</summary>
    public static bool HasUnsafeConvolution(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var module in model.modules())
        {
            if (module is TorchSharp.Modules.Conv2d conv)
            {
                var (outChannels, inChannels) = (conv.weight!.shape[0], conv.weight.shape[1] * conv.groups);
                if (outChannels % SafeChannelMultiple != 0 || (inChannels % SafeChannelMultiple != 0 && inChannels > 4))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether ATen may use oneDNN (MKL-DNN) kernels now; null when the flag cannot be read on this platform.</summary>
    public static bool? OneDnnEnabled
    {
        get
        {
            TorchRuntime.EnsureLoaded();
            try
            {
                return OperatingSystem.IsWindows()
                    ? NativeWindows.UserEnabledMkldnn(NativeWindows.GlobalContext())
                    : NativeItanium.UserEnabledMkldnn(NativeItanium.GlobalContext());
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Largest error allowed between oneDNN's gradients and the reference (float32 sums of a few hundred terms).</summary>
    private const double Tolerance = 1e-3;

    /// <summary>The largest absolute difference of input and weight gradients from the reference over small-channel
    /// cases (NaN when a gradient is NaN). The fault reads memory it did not write, so it is checked twice.</summary>
    internal static double MaxGradientError()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12345); // its own generator: the global one (model seeds) is not touched
        double worst = 0;
        foreach (var (inChannels, outChannels, side) in new[] { (12, 24, 16), (24, 24, 8), (20, 20, 8), (8, 8, 16), (4, 4, 16) })
        {
            for (int repeat = 0; repeat < 2; repeat++)
            {
                var error = GradientError(inChannels, outChannels, side, generator);
                if (double.IsNaN(error))
                {
                    return double.NaN;
                }

                worst = Math.Max(worst, error);
            }
        }

        return worst;
    }

    /// <summary>Gradient error of one 3x3 convolution (padding 1) of a batch of 4 against unfold + matmul
    /// (the weight gradient, a sum over the batch and the image, is allowed ten times more).</summary>
    internal static double GradientError(int inChannels, int outChannels, int side, Generator generator)
    {
        using var scope = NewDisposeScope();
        var input = randn(4, inChannels, side, side, generator: generator);
        var weight = randn(outChannels, inChannels, 3, 3, generator: generator) * 0.1f;
        var upstream = randn(4, outChannels, side, side, generator: generator);
        var (dx, dw) = Gradients(input, weight, upstream, static (x, w) => nn.functional.conv2d(x, w, padding: [1, 1]));
        var (refDx, refDw) = Gradients(input, weight, upstream, static (x, w) =>
            w.reshape(w.shape[0], -1).matmul(nn.functional.unfold(x, 3, padding: 1)).reshape(x.shape[0], w.shape[0], x.shape[2], x.shape[3]));
        var error = Math.Max((dx - refDx).abs().max().item<float>(), (dw - refDw).abs().max().item<float>() / 10);
        return dx.isnan().any().item<bool>() || dw.isnan().any().item<bool>() ? double.NaN : error;
    }

    private static (Tensor Input, Tensor Weight) Gradients(Tensor input, Tensor weight, Tensor upstream, Func<Tensor, Tensor, Tensor> op)
    {
        var x = input.detach().requires_grad_(true);
        var w = weight.detach().requires_grad_(true);
        op(x, w).backward([upstream]);
        return (x.grad!.detach(), w.grad!.detach());
    }

    /// <summary>Calls ATen's <c>at::globalContext().setUserEnabledMkldnn(false)</c> (what PyTorch's
    /// <c>torch.backends.mkldnn.enabled = False</c> does; TorchSharp 0.107 has no binding for it).</summary>
    private static bool TryDisableOneDnn(out string why)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                NativeWindows.SetUserEnabledMkldnn(NativeWindows.GlobalContext(), false);
            }
            else
            {
                NativeItanium.SetUserEnabledMkldnn(NativeItanium.GlobalContext(), false);
            }

            why = "";
            return OneDnnEnabled == false;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            why = ex.Message;
            return false;
        }
    }

    /// <summary>ATen's context on Linux and macOS (Itanium C++ names).</summary>
    private static partial class NativeItanium
    {
        [LibraryImport("torch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial IntPtr GlobalContext();

        [LibraryImport("torch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

        [LibraryImport("torch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static partial bool UserEnabledMkldnn(IntPtr context);
    }

    /// <summary>ATen's context on Windows (MSVC C++ names).</summary>
    private static partial class NativeWindows
    {
        [LibraryImport("torch_cpu", EntryPoint = "?globalContext@at@@YAAEAVContext@1@XZ")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial IntPtr GlobalContext();

        [LibraryImport("torch_cpu", EntryPoint = "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

        [LibraryImport("torch_cpu", EntryPoint = "?userEnabledMkldnn@Context@at@@QEBA_NXZ")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static partial bool UserEnabledMkldnn(IntPtr context);
    }
}

/// <summary>Outcome of <see cref="ConvolutionCheck.EnsureCorrectGradients"/>.</summary>
/// <param name="OneDnnCorrect">oneDNN's small-channel convolution gradients matched the reference.</param>
/// <param name="OneDnnTurnedOff">The check failed and oneDNN convolutions were turned off for this process.</param>
/// <param name="MaxError">Largest gradient difference from the reference (NaN when oneDNN returned NaN).</param>
/// <param name="Message">One line for the user.</param>
public sealed record ConvolutionCheckResult(bool OneDnnCorrect, bool OneDnnTurnedOff, double MaxError, string Message);
