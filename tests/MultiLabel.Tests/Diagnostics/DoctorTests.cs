using System.Text.Json;
using MultiLabel.Cli;
using MultiLabel.Diagnostics;
using MultiLabel.Tests.Cli;
using MultiLabel.Tests.Support;

namespace MultiLabel.Tests.Diagnostics;

[Collection(TorchGlobalState.Name)]
public sealed class DoctorTests
{
    private static TempDir FakeCourse()
    {
        var tmp = new TempDir();
        File.WriteAllText(tmp.Combine(CourseFolder.Marker), "");
        Directory.CreateDirectory(tmp.Combine(".config"));
        File.WriteAllText(tmp.Combine(".config", "dotnet-tools.json"), """{"tools": {"microsoft.dotnet-interactive": {"version": "1.0.712001"}}}""");
        return tmp;
    }

    private static HealthCheck Named(HealthReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    [Fact]
    public void The_report_covers_every_part_of_the_machine_the_course_needs()
    {
        var report = Doctor.Run(new DoctorOptions(CourseRoot: RepoPaths.Root));
        foreach (var name in new[] { "operating system", ".NET SDK", "libstdc++", "TorchSharp", "backend", "CUDA devices", "dotnet-interactive", "lesson library", "data cache", "download mnist", "download voc2007", "download resnet18" })
        {
            Assert.Contains(report.Checks, c => c.Name == name);
        }

        Assert.Equal(HealthStatus.Ok, Named(report, "TorchSharp").Status);
        Assert.Contains("libtorch 2.10", Named(report, "TorchSharp").Detail, StringComparison.Ordinal);
        Assert.All(report.Checks.Where(c => c.Status is HealthStatus.Failed or HealthStatus.Warning), c => Assert.False(string.IsNullOrWhiteSpace(c.Fix), c.Name));
    }

    [Fact]
    public void A_kernel_spec_that_listens_on_every_interface_fails_with_its_fix()
    {
        using var course = FakeCourse();
        var spec = course.Combine(".jupyter", "kernels", ".net-csharp");
        Directory.CreateDirectory(spec);
        File.WriteAllText(Path.Combine(spec, "kernel.json"), """{"argv": ["dotnet", "interactive", "jupyter", "{connection_file}"]}""");

        var report = Doctor.Run(new DoctorOptions(course.Path));

        var check = Assert.Single(report.Checks, c => c.Name == "Jupyter kernel" && c.Detail.StartsWith(Path.GetFullPath(Path.Combine(spec, "kernel.json")), StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Failed, check.Status);
        Assert.Contains("--http-local-only", check.Fix, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    [Fact]
    public void A_library_build_older_than_its_sources_fails_and_a_missing_one_warns()
    {
        using var course = FakeCourse();
        var bin = course.Combine("lib", "MultiLabel", "bin", "Release", "net10.0");
        Assert.Equal(HealthStatus.Warning, Named(Doctor.Run(new DoctorOptions(course.Path)), "lesson library").Status);

        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "MultiLabel.dll"), "");
        File.SetLastWriteTimeUtc(Path.Combine(bin, "MultiLabel.dll"), DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(course.Combine("lib", "MultiLabel", "Trainer.cs"), "// edited");

        var check = Named(Doctor.Run(new DoctorOptions(course.Path)), "lesson library");
        Assert.Equal(HealthStatus.Failed, check.Status);
        Assert.Contains("Trainer.cs", check.Detail, StringComparison.Ordinal);
        Assert.Contains("dotnet build lib/MultiLabel -c Release", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_cuda_backend_the_library_checked_is_that_backends_build_folder()
    {
        using var course = FakeCourse();
        var before = Environment.GetEnvironmentVariable("TorchBackend");
        try
        {
            Environment.SetEnvironmentVariable("TorchBackend", "cuda-windows");
            var cpuBin = course.Combine("lib", "MultiLabel", "bin", "Release", "net10.0");
            Directory.CreateDirectory(cpuBin);
            File.WriteAllText(Path.Combine(cpuBin, "MultiLabel.dll"), "");
            var missing = Named(Doctor.Run(new DoctorOptions(course.Path)), "lesson library");
            Assert.Equal(HealthStatus.Warning, missing.Status);
            Assert.Contains(Path.Combine("bin", "cuda-windows", "Release"), missing.Detail, StringComparison.Ordinal);
            Assert.Contains("-p:TorchBackend=cuda-windows", missing.Fix, StringComparison.Ordinal);

            var cudaBin = course.Combine("lib", "MultiLabel", "bin", "cuda-windows", "Release", "net10.0");
            Directory.CreateDirectory(cudaBin);
            File.WriteAllText(Path.Combine(cudaBin, "MultiLabel.dll"), "");
            Assert.Equal(HealthStatus.Ok, Named(Doctor.Run(new DoctorOptions(course.Path)), "lesson library").Status);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TorchBackend", before);
        }
    }

    [Fact]
    public void Downloads_are_reported_absent_corrupt_or_verified_without_being_touched()
    {
        using var cache = new TempDir();
        Assert.Equal(HealthStatus.Info, Named(Doctor.Run(new DoctorOptions(RepoPaths.Root, cache.Path)), "download mnist").Status);

        Directory.CreateDirectory(cache.Combine("mnist"));
        var bad = cache.Combine("mnist", "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(bad, new byte[4542]);
        var check = Named(Doctor.Run(new DoctorOptions(RepoPaths.Root, cache.Path)), "download mnist");
        Assert.Equal(HealthStatus.Failed, check.Status);
        Assert.Contains("t10k-labels-idx1-ubyte.gz", check.Detail, StringComparison.Ordinal);
        Assert.True(File.Exists(bad), "the doctor never deletes a file");
    }

    [Fact]
    public void A_cuda_backend_choice_with_a_cpu_build_fails_with_the_rebuild_command()
    {
        var before = Environment.GetEnvironmentVariable("TorchBackend");
        try
        {
            Environment.SetEnvironmentVariable("TorchBackend", "cuda-linux");
            var check = Named(Doctor.Run(new DoctorOptions(RepoPaths.Root)), "backend");
            Assert.Equal(HealthStatus.Failed, check.Status);
            Assert.Contains("-p:TorchBackend=cuda-linux", check.Fix, StringComparison.Ordinal);
            Environment.SetEnvironmentVariable("TorchBackend", "tpu");
            Assert.Equal(HealthStatus.Failed, Named(Doctor.Run(new DoctorOptions(RepoPaths.Root)), "backend").Status);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TorchBackend", before);
        }
    }

    [Fact]
    public void Mlc_doctor_json_is_one_object_and_the_exit_code_follows_health()
    {
        var (code, output, error) = InProcessMlc.RunSplit("doctor", "--json");
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        bool healthy = doc.RootElement.GetProperty("healthy").GetBoolean();
        Assert.Equal(healthy ? ExitCodes.Ok : ExitCodes.Failure, code);
        foreach (var check in doc.RootElement.GetProperty("checks").EnumerateArray())
        {
            Assert.Contains(check.GetProperty("status").GetString(), new[] { "ok", "info", "warning", "failed" });
            Assert.False(string.IsNullOrEmpty(check.GetProperty("name").GetString()));
        }
    }
}
