using System.Text;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Licenses;
using Atr.Tests.Domain.Checks.Archives;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks.Licenses;

/// <summary>The files under Fixtures/Licenses packed into a source release, and the archive check run on it.</summary>
internal static class LicenseFixtures
{
    public const string Root = "apache-widget-1.0.0-src";

    public const string Notice = "Apache Widget\nCopyright 2024-2026 The Apache Software Foundation\n\n"
        + "This product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n";

    /// <summary>A fixture file at <paramref name="at"/> below the release's top folder, its bytes unchanged (a byte order mark and CRLF stay).</summary>
    public static Entry File(string fixture, string at) =>
        new($"{Root}/{at}", Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(FixtureFiles.PathOf($"Licenses/{fixture}"))));

    /// <summary>Every file of a project tree under Fixtures/Licenses/projects, at the same place below the top folder.</summary>
    public static Entry[] Project(string name)
    {
        var folder = FixtureFiles.PathOf($"Licenses/projects/{name}");
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => File($"projects/{name}/{Path.GetRelativePath(folder, f).Replace('\\', '/')}", Path.GetRelativePath(folder, f).Replace('\\', '/')))];
    }

    /// <summary>A release with a valid LICENSE and NOTICE and the given files.</summary>
    public static Entry[] Release(params Entry[] files) =>
        [new($"{Root}/LICENSE", LicenseTexts.ApacheLicense), new($"{Root}/NOTICE", Notice), .. files];

    public static Task<IReadOnlyList<CheckFinding>> RunAsync(Entry[] entries) =>
        ArchiveCheckTests.RunAsync($"{Root}.tar.gz", HostileArchives.TarGz(entries));

    /// <summary>The license.headers rows about single files.</summary>
    public static IEnumerable<CheckFinding> Members(IEnumerable<CheckFinding> findings) =>
        findings.Where(f => f.Checker == LicenseHeadersRule.Checker && f.MemberRelPath is not null);

    /// <summary>The license.headers summary (the file-level row with the counts).</summary>
    public static CheckFinding Summary(IEnumerable<CheckFinding> findings) =>
        Assert.Single(findings, f => f.Checker == LicenseHeadersRule.Checker && f.MemberRelPath is null && f.Message.Contains(" source files: ", StringComparison.Ordinal));

    /// <summary>The row that names the exclusion sets, when there is one.</summary>
    public static CheckFinding? Exclusions(IEnumerable<CheckFinding> findings) =>
        findings.SingleOrDefault(f => f.Checker == LicenseHeadersRule.Checker && f.Message.StartsWith("Exclusions applied: ", StringComparison.Ordinal));

    public static string Counts(int files, int valid = 0, int thirdParty = 0, int generated = 0, int tooSmall = 0, int excluded = 0, int failed = 0) =>
        $"{files} source files: {valid} under the Apache License, {thirdParty} third-party, {generated} generated, "
        + $"{tooSmall} too small for a header, {excluded} excluded, {failed} failed";
}
