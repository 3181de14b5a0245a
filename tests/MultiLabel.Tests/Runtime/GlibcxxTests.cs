using System.Diagnostics;
using System.Text;
using MultiLabel.Runtime;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Runtime;

public sealed class GlibcxxTests
{
    /// <summary>Bytes that look like a shared library's version strings (NUL-separated, as in .dynstr).</summary>
    private static byte[] FakeLibrary(params string[] versions)
    {
        var text = "\u007fELF\0junk\0" + string.Join("\0", versions) + "\0GLIBC_2.34\0tail";
        return Encoding.ASCII.GetBytes(text);
    }

    [Fact]
    public void ReadAll_finds_every_version_and_ignores_longer_names()
    {
        var bytes = FakeLibrary("GLIBCXX_3.4", "GLIBCXX_3.4.9", "GLIBCXX_3.4.30", "GLIBCXX_3.4.21", "GLIBCXX_3.4.30x", "CXXABI_1.3.13");
        var versions = GlibcxxVersion.ReadAll(bytes);
        Assert.Equal(new[] { 0, 9, 21, 30 }, versions.Select(v => v.Patch));
        Assert.Equal("GLIBCXX_3.4.30", versions.Max().ToString());
    }

    [Fact]
    public void Diagnosis_of_an_old_libstdcxx_names_both_versions_and_the_fix()
    {
        using var tmp = new TempDir();
        var native = tmp.Combine("libLibTorchSharp.so");
        var system = tmp.Combine("libstdc++.so.6.0.30");
        File.WriteAllBytes(native, FakeLibrary("GLIBCXX_3.4.29", "GLIBCXX_3.4.32", "GLIBCXX_3.4.30"));
        File.WriteAllBytes(system, FakeLibrary("GLIBCXX_3.4.28", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30"));

        var diagnosis = NativeRuntimeDiagnosis.Inspect(native, system);

        Assert.True(diagnosis.LibStdCxxTooOld);
        var message = TorchRuntime.Explain(new NotSupportedException("doesn't contain a reference to libtorch-cpu-linux-x64"), diagnosis).Message;
        Assert.Contains("needs GLIBCXX_3.4.32", message, StringComparison.Ordinal);
        Assert.Contains("only up to GLIBCXX_3.4.30", message, StringComparison.Ordinal);
        Assert.Contains(system, message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", message, StringComparison.Ordinal);
        Assert.DoesNotContain("doesn't contain a reference", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnosis_of_a_new_enough_libstdcxx_is_not_blamed()
    {
        using var tmp = new TempDir();
        var native = tmp.Combine("libLibTorchSharp.so");
        var system = tmp.Combine("libstdc++.so.6.0.33");
        File.WriteAllBytes(native, FakeLibrary("GLIBCXX_3.4.32"));
        File.WriteAllBytes(system, FakeLibrary("GLIBCXX_3.4.32", "GLIBCXX_3.4.33"));

        var diagnosis = NativeRuntimeDiagnosis.Inspect(native, system);

        Assert.False(diagnosis.LibStdCxxTooOld);
        var message = TorchRuntime.Explain(new DllNotFoundException("libtorch.so missing"), diagnosis).Message;
        Assert.Contains("libtorch.so missing", message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cpu", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnosis_without_a_readable_native_library_assumes_torchsharps_known_requirement()
    {
        using var tmp = new TempDir();
        var system = tmp.Combine("libstdc++.so.6");
        File.WriteAllBytes(system, FakeLibrary("GLIBCXX_3.4.30"));
        var diagnosis = NativeRuntimeDiagnosis.Inspect(null, system);
        Assert.Equal(GlibcxxVersion.TorchSharpRequirement, diagnosis.Required);
        Assert.True(diagnosis.LibStdCxxTooOld);
    }

    [Fact]
    public void A_failed_first_load_shows_only_our_message_not_torchsharps_printed_text()
    {
        // TorchSharp prints its misleading text to the console before it throws; the probe must swallow it.
        var diagnosis = new NativeRuntimeDiagnosis("/x/libLibTorchSharp.so", "/usr/lib/libstdc++.so.6.0.30", new GlibcxxVersion(32), new GlibcxxVersion(30));
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        TorchRuntimeException? failure;
        try
        {
            failure = TorchRuntime.Probe(
                () =>
                {
                    Console.WriteLine("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64");
                    throw new NotSupportedException("doesn't contain a reference to libtorch-cpu-linux-x64");
                },
                () => diagnosis);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.NotNull(failure);
        Assert.Equal(string.Empty, console.ToString());
        Assert.Contains("needs GLIBCXX_3.4.32", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("doesn't contain a reference", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_successful_first_load_passes_its_output_on()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        TorchRuntimeException? failure;
        try
        {
            failure = TorchRuntime.Probe(() => Console.Write("loaded"), () => throw new InvalidOperationException("not asked"));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Null(failure);
        Assert.Equal("loaded", console.ToString());
    }

    [Fact]
    public void This_machine_loads_torch_after_setup()
    {
        // CI runs scripts/setup.sh before the tests: the backend must load, and the real files must agree.
        TorchRuntime.EnsureLoaded();
        var diagnosis = NativeRuntimeDiagnosis.InspectThisMachine();
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(diagnosis);
            Assert.NotNull(diagnosis.NativeLibrary);
            Assert.False(diagnosis.LibStdCxxTooOld, diagnosis.Describe());
        }
    }

    [Fact]
    public void Setup_script_check_passes_quickly_on_a_set_up_machine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, output, elapsed) = RunSetup("--check");
        Assert.True(code == 0, output);
        Assert.Contains("native runtime ok", output, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"setup.sh --check took {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void Setup_script_check_reports_an_old_libstdcxx()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var tmp = new TempDir();
        var fake = tmp.Combine("libstdc++.so.6");
        File.WriteAllBytes(fake, FakeLibrary("GLIBCXX_3.4.29", "GLIBCXX_3.4.30"));
        var (code, output, _) = RunSetup("--check", ("MLC_LIBSTDCXX", fake));
        Assert.Equal(1, code);
        Assert.Contains("exports up to GLIBCXX_3.4.30", output, StringComparison.Ordinal);
        Assert.Contains("needs GLIBCXX_3.4.32", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_script_rejects_unknown_options()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, output, _) = RunSetup("--bogus");
        Assert.Equal(2, code);
        Assert.Contains("unknown option", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, TimeSpan Elapsed) RunSetup(string args, params (string Name, string Value)[] env)
    {
        var psi = new ProcessStartInfo("bash", $"\"{RepoPaths.Combine("scripts", "setup.sh")}\" {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in env)
        {
            psi.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        return (process.ExitCode, stdout.Result + stderr.Result, clock.Elapsed);
    }
}
