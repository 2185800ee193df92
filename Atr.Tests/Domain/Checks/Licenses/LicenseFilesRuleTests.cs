using Atr.Domain.Checks;
using Atr.Domain.Checks.Licenses;
using Atr.Tests.Domain.Checks.Archives;
using static Atr.Tests.Domain.Checks.Licenses.LicenseFixtures;

namespace Atr.Tests.Domain.Checks.Licenses;

/// <summary>license.files on the names and encodings real releases use.</summary>
public sealed class LicenseFilesRuleTests
{
    [Theory]
    [InlineData("LICENSE.txt", "NOTICE.txt")]
    [InlineData("LICENSE.md", "NOTICE.md")]
    [InlineData("LICENSE", "NOTICE.txt")]
    public async Task LicenseFiles_TxtAndMdNames_CountAndAreNamed(string license, string notice)
    {
        var findings = await FilesAsync([new($"{Root}/{license}", LicenseTexts.ApacheLicense), new($"{Root}/{notice}", Notice)]);

        Assert.Equal(
            [
                (CheckResultStatus.Success, $"{Root}/{license} begins with the Apache License 2.0"),
                (CheckResultStatus.Success, $"{Root}/{notice} names the product, the ASF copyright and the ASF attribution"),
            ],
            findings.Select(f => (f.Status, f.Message)));
    }

    [Fact]
    public async Task LicenseFiles_ByteOrderMarkBlankAndWhitespaceLinesAndCrLf_DoNotMatter()
    {
        var license = "\uFEFF\r\n   \r\n\t\r\n" + LicenseTexts.ApacheLicense.Replace("\n", "\r\n", StringComparison.Ordinal);
        var notice = "\uFEFF\r\n" + Notice.Replace("\n", "\r\n", StringComparison.Ordinal);

        var findings = await FilesAsync([new($"{Root}/LICENSE.txt", license), new($"{Root}/NOTICE.txt", notice)]);

        Assert.All(findings, f => Assert.Equal(CheckResultStatus.Success, f.Status));
    }

    [Fact]
    public async Task LicenseFiles_LicenceWithHttpsUrlsAndABundledLicenceAppended_Passes()
    {
        var license = "\n" + LicenseTexts.ApacheLicense.Replace("http://www.apache.org/licenses/", "https://www.apache.org/licenses/", StringComparison.Ordinal)
            + "\n----------------------------------------------------------------------\nLicense for msdirent.h:\n\nPermission is hereby granted, free of charge, ...\n";

        var finding = Assert.Single(await FilesAsync([new($"{Root}/LICENSE", license), new($"{Root}/NOTICE", Notice)]), f => f.Message.Contains("LICENSE", StringComparison.Ordinal));

        Assert.Equal((CheckResultStatus.Success, $"{Root}/LICENSE begins with the Apache License 2.0"), (finding.Status, finding.Message));
    }

    [Fact]
    public async Task LicenseFiles_LicenseAndLicenseTxtBoth_AreTwoLicenseFiles()
    {
        var findings = await FilesAsync(
            [new($"{Root}/LICENSE", LicenseTexts.ApacheLicense), new($"{Root}/LICENSE.txt", LicenseTexts.ApacheLicense), new($"{Root}/NOTICE", Notice)]);

        Assert.Contains((CheckResultStatus.Failure, $"2 LICENSE files ({Root}/LICENSE, {Root}/LICENSE.txt): keep one, at the top of the archive's folder"),
            findings.Select(f => (f.Status, f.Message)));
    }

    [Fact]
    public async Task LicenseFiles_LicenseTxtDeeperThanTheTopFolder_DoesNotCount()
    {
        var findings = await FilesAsync([new($"{Root}/lib/LICENSE.txt", LicenseTexts.ApacheLicense), new($"{Root}/NOTICE", Notice)]);

        Assert.Contains("No LICENSE file at the top of the archive's folder", findings.Select(f => f.Message));
    }

    [Fact]
    public async Task LicenseFiles_PodlingDisclaimerWipTxt_Counts()
    {
        var entries = Release(new Entry($"{Root}/DISCLAIMER-WIP.txt", "Apache Widget is an effort undergoing incubation at the ASF."));

        var findings = await ArchiveCheckTests.RunAsync($"{Root}.tar.gz", HostileArchives.TarGz(entries), podling: true);

        var disclaimer = Assert.Single(findings, f => f.Checker == LicenseFilesRule.Checker && f.Message.Contains("DISCLAIMER", StringComparison.Ordinal));
        Assert.Equal((CheckResultStatus.Success, $"{Root}/DISCLAIMER-WIP.txt is present, as podling releases need"), (disclaimer.Status, disclaimer.Message));
    }

    private static async Task<List<CheckFinding>> FilesAsync(Entry[] entries) =>
        [.. (await RunAsync(entries)).Where(f => f.Checker == LicenseFilesRule.Checker)];
}
