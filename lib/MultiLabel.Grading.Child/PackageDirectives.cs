using System.Text.RegularExpressions;

namespace MultiLabel.Grading.Child;

/// <summary>
/// A lesson's <c>#r "nuget: Name, Version"</c> lines, for packages whose assemblies the grader already referenced in
/// the kernel (TorchSharp and its backend, TorchVision, TorchSharp.PyBridge, ImageSharp), become comments: the grader
/// supplies the packages (no restore, no network, and no second reference to the same assembly); a package it does
/// not ship stays as written.
/// </summary>
internal static partial class PackageDirectives
{
    /// <summary>The code with each <c>#r "nuget: ..."</c> of a package in <paramref name="supplied"/> (assembly file names) made a comment.</summary>
    public static string Rewrite(string code, IReadOnlyCollection<string> supplied) => NugetLine().Replace(code, m =>
    {
        var name = m.Groups["name"].Value.Trim();
        var assembly = (name.StartsWith("TorchSharp-", StringComparison.Ordinal) ? "TorchSharp" : name) + ".dll";
        return supplied.Contains(assembly) ? "// " + m.Value.Trim() + " (supplied by the grader)" : m.Value;
    });

    [GeneratedRegex(@"^[ \t]*#r[ \t]+""nuget:[ \t]*(?<name>[^,""]+)(,[^""]*)?""[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex NugetLine();
}
