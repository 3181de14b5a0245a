namespace MultiLabel.Tests.Reports;

/// <summary>A fact that needs headless Chromium; skipped, with the reason, only when /usr/bin/chromium is absent (.ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"{Path} is not installed (apt-get install -y chromium; .ci/run installs it), so the report cannot be drawn in a browser.";
        }
    }
}
