using System.Text.RegularExpressions;

namespace MultiLabel.Grading.Child;

/// <summary>
/// A lesson's <c>#r "nuget: Name, Version"</c> lines, for packages this process already ships (TorchSharp and its
/// backend, TorchVision, TorchSharp.PyBridge, ImageSharp), become <c>#r</c> of the assembly beside this executable:
/// the grader supplies the packages (no restore, no network); a package it does not ship stays as written.
/// </summary>
internal static partial class PackageDirectives
{
    public static string Rewrite(string code) => NugetLine().Replace(code, m =>
    {
        var name = m.Groups["name"].Value.Trim();
        var assembly = name.StartsWith("TorchSharp-", StringComparison.Ordinal) ? "TorchSharp" : name;
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        return File.Exists(path) ? $"#r \"{path}\"" : m.Value;
    });

    [GeneratedRegex(@"^[ \t]*#r[ \t]+""nuget:[ \t]*(?<name>[^,""]+)(,[^""]*)?""[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex NugetLine();
}
