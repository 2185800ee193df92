using Atr.Domain.Checks;
using Atr.Domain.Checks.Paths;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks;

public sealed class PathsCheckTests
{
    private static readonly string[] Complete =
    [
        "apache-widget-1.2.0-src.tar.gz", "apache-widget-1.2.0-src.tar.gz.asc", "apache-widget-1.2.0-src.tar.gz.sha512",
        "LICENSE", "NOTICE", "README", "CHANGES", "docs/guide.html",
    ];

    [Fact]
    public async Task Run_CompleteRelease_OneSuccessPerFile()
    {
        var findings = await RunAsync(Complete, podling: false);

        Assert.Equal(Complete.Order(StringComparer.Ordinal), findings.Select(f => f.PrimaryRelPath!));
        Assert.All(findings, f => Assert.Equal(CheckResultStatus.Success, f.Status));
        Assert.All(findings, f => Assert.Equal("paths", f.Checker));
    }

    [Theory]
    [InlineData("apache-widget-1.2.0-bin.zip", "apache-widget-1.2.0-bin.zip", "The artifact has no signature (apache-widget-1.2.0-bin.zip.asc)")]
    [InlineData("apache-widget-1.2.0-bin.zip", "apache-widget-1.2.0-bin.zip", "The artifact has no checksum (apache-widget-1.2.0-bin.zip.sha512 or apache-widget-1.2.0-bin.zip.sha256)")]
    [InlineData("KEYS", "KEYS", "A KEYS file does not belong in a release")]
    [InlineData("apache-widget-1.2.0-src.tar.gz.md5", "apache-widget-1.2.0-src.tar.gz.md5", "MD5 checksums are not allowed")]
    [InlineData("apache-widget-1.2.0-src.tar.gz.sig", "apache-widget-1.2.0-src.tar.gz.sig", "Binary .sig signatures are not allowed")]
    [InlineData("apache-widget-1.1.0.jar.asc", "apache-widget-1.1.0.jar.asc", "The artifact apache-widget-1.1.0.jar this file belongs to is missing")]
    public async Task Run_Error_IsAFailureRowOnTheFile(string added, string file, string message)
    {
        var findings = await RunAsync([.. Complete, added], podling: false);

        Assert.Contains(findings, f => f.PrimaryRelPath == file && f.Status == CheckResultStatus.Failure && f.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.PrimaryRelPath == file && f.Status == CheckResultStatus.Success);
    }

    [Theory]
    [InlineData("apache-widget-1.2.0-src.tar.gz.sha1", "SHA-1 checksums are deprecated")]
    [InlineData("apache-widget-1.2.0-src.tar.gz.sha", "A .sha checksum does not say its algorithm")]
    [InlineData("apache-widget-1.2.0-src.tar.gz.prov", "Unusual metadata file type .prov")]
    [InlineData("notes.txt", "Unknown top level file")]
    public async Task Run_Warning_IsAWarningRowOnTheFile(string added, string message)
    {
        var findings = await RunAsync([.. Complete, added], podling: false);

        var finding = Assert.Single(findings, f => f.PrimaryRelPath == added);
        Assert.Equal(CheckResultStatus.Warning, finding.Status);
        Assert.StartsWith(message, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PodlingArtifactWithoutIncubating_Fails()
    {
        var findings = await RunAsync(["apache-gizmo-0.3.0.tar.gz", "apache-gizmo-0.3.0.tar.gz.asc", "apache-gizmo-0.3.0.tar.gz.sha512",
            "apache-gizmo-0.3.0-incubating.zip", "apache-gizmo-0.3.0-incubating.zip.asc", "apache-gizmo-0.3.0-incubating.zip.sha256"], podling: true, "0.3.0");

        Assert.Contains(findings, f => f.PrimaryRelPath == "apache-gizmo-0.3.0.tar.gz" && f.Message.StartsWith("A podling's artifact name must contain \"incubating\"", StringComparison.Ordinal));
        Assert.Equal(CheckResultStatus.Success, Assert.Single(findings, f => f.PrimaryRelPath == "apache-gizmo-0.3.0-incubating.zip").Status);
    }

    [Theory]
    [InlineData("1.2.0", "apache-widget-1.1.0-src.tar.gz", "The artifact's name carries version 1.1.0, not the release's 1.2.0")]
    [InlineData("3.1.0", "apache-widget-3.0.0-src.tar.gz", "The artifact's name carries version 3.0.0, not the release's 3.1.0")]
    [InlineData("1.2.0", "apache-widget-1.2.0-src.tar.gz", null)]
    [InlineData("1.2.0-rc1", "apache-widget-1.2.0-rc1-src.tar.gz", null)]
    [InlineData("1.2.0", "apache-widget-src.tar.gz", null)]
    [InlineData("unknown", "apache-widget-1.1.0-src.tar.gz", null)]
    public async Task Run_ArtifactOfAnotherVersion_IsAWarning(string version, string artifact, string? message)
    {
        var findings = await RunAsync([artifact, artifact + ".asc", artifact + ".sha512"], podling: false, version);

        var finding = Assert.Single(findings, f => f.PrimaryRelPath == artifact);
        Assert.Equal(message is null ? CheckResultStatus.Success : CheckResultStatus.Warning, finding.Status);
        Assert.StartsWith(message ?? "The path follows the naming rules", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.tar.gz", ".tar.gz", null)]
    [InlineData("a.tar.gz.asc", ".tar.gz", ".asc")]
    [InlineData("a.tar.gz.sha512.asc", ".tar.gz", ".sha512.asc")]
    [InlineData("a.jar.pack.gz", ".jar.pack.gz", null)]
    [InlineData("a.cdx.json", null, null)]
    [InlineData("a-bom.zip.cdx.json", ".zip", ".cdx.json")]
    [InlineData("README", null, null)]
    public void Classify_FindsArtifactAndMetadataSuffixes(string name, string? artifact, string? metadata) =>
        Assert.Equal((artifact, metadata), PathsCheck.Classify(name));

    private static async Task<IReadOnlyList<CheckFinding>> RunAsync(string[] paths, bool podling, string version = "1.2.0")
    {
        var manifest = new Manifest(paths.Select(p => Seed.File(p)));
        var subject = new CheckSubject("widget", version, "00002", "widget", podling, EffectiveReleasePolicy.Of(null, "widget"), manifest, null, Atr.Domain.Keys.CommitteeKeys.None(DateTime.UtcNow));
        var run = new CheckRun(new PathsCheck(), subject, (_, _) => throw new InvalidOperationException("The paths check reads no content"));
        await new PathsCheck().RunAsync(run, Xunit.TestContext.Current.CancellationToken);
        return run.Findings;
    }
}
