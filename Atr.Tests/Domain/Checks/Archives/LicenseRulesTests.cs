using Atr.Domain.Checks;
using Atr.Domain.Checks.Licenses;

namespace Atr.Tests.Domain.Checks.Archives;

/// <summary>license.files and license.headers, in the archive check's single pass.</summary>
public sealed class LicenseRulesTests
{
    private const string Root = "apache-widget-1.0.0-src";
    private const string Notice = "Apache Widget\nCopyright 2024-2026 The Apache Software Foundation\n\n"
        + "This product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n";

    private static readonly string Header = """
        /*
         * Licensed to the Apache Software Foundation (ASF) under one
         * or more contributor license agreements.  See the NOTICE file
         * distributed with this work for additional information
         * regarding copyright ownership.  The ASF licenses this file
         * to you under the Apache License, Version 2.0 (the
         * "License"); you may not use this file except in compliance
         * with the License.  You may obtain a copy of the License at
         *
         *   http://www.apache.org/licenses/LICENSE-2.0
         *
         * Unless required by applicable law or agreed to in writing,
         * software distributed under the License is distributed on an
         * "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
         * KIND, either express or implied.  See the License for the
         * specific language governing permissions and limitations
         * under the License.
         */

        """;

    [Fact]
    public async Task ACompliantSourceRelease_PassesBothRules()
    {
        var findings = await RunAsync(Good());

        Assert.Equal(
            [
                ("license.files", CheckResultStatus.Success, $"{Root}/LICENSE begins with the Apache License 2.0"),
                ("license.files", CheckResultStatus.Success, $"{Root}/NOTICE names the product, the ASF copyright and the ASF attribution"),
                ("license.headers", CheckResultStatus.Success, "2 source files: 2 under the Apache License, 0 third-party, 0 generated, 0 too small for a header, 0 excluded, 0 failed"),
            ],
            findings.Where(f => f.Checker.StartsWith("license.", StringComparison.Ordinal)).Select(f => (f.Checker, f.Status, f.Message)));
    }

    [Fact]
    public async Task LicenseWithAChangedLine_FailsNamingTheLine()
    {
        var license = LicenseTexts.ApacheLicense.Replace("Version 2.0, January 2004", "Version 2.1, January 2004", StringComparison.Ordinal);

        var finding = await LicenseFilesAsync(Good(license: license), "LICENSE");

        Assert.Equal(CheckResultStatus.Failure, finding.Status);
        Assert.Equal($"{Root}/LICENSE does not begin with the Apache License 2.0: line 2 differs", finding.Message);
    }

    [Fact]
    public async Task LicenseWithCrLfAndThirdPartyLicencesAfterIt_Passes()
    {
        var license = LicenseTexts.ApacheLicense.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\nThird-party: MIT\r\n";

        Assert.Equal(CheckResultStatus.Success, (await LicenseFilesAsync(Good(license: license), "LICENSE")).Status);
    }

    [Theory]
    [InlineData("Apache Widget\nCopyright 2026 Someone Else\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n", "the copyright line")]
    [InlineData("Apache Widget\nCopyright 2026 The Apache Software Foundation\n", "the attribution")]
    [InlineData("Widget\nCopyright 2026 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n", "the product line")]
    public async Task NoticeMissingARequiredLine_FailsNamingIt(string notice, string missing)
    {
        var finding = await LicenseFilesAsync(Good(notice: notice), "NOTICE");

        Assert.Equal(CheckResultStatus.Failure, finding.Status);
        Assert.Contains(missing, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeThatIsNotUtf8_Fails()
    {
        var findings = await ArchiveCheckTests.RunAsync($"{Root}.tar.gz", Latin1Notice());

        Assert.Equal($"{Root}/NOTICE is not valid UTF-8", Assert.Single(findings, f => f.Checker == "license.files" && f.Message.Contains("NOTICE", StringComparison.Ordinal)).Message);
    }

    [Fact]
    public async Task MissingAndDuplicatedFiles_AreEachReported()
    {
        var entries = Good().Where(e => !e.Name.EndsWith("NOTICE", StringComparison.Ordinal)).Append(new Entry("LICENSE", LicenseTexts.ApacheLicense)).ToArray();

        var findings = (await RunAsync(entries)).Where(f => f.Checker == "license.files").Select(f => f.Message).ToList();

        Assert.Contains($"2 LICENSE files ({Root}/LICENSE, LICENSE): keep one, at the top of the archive's folder", findings);
        Assert.Contains("No NOTICE file at the top of the archive's folder", findings);
    }

    [Theory]
    [InlineData(null, CheckResultStatus.Failure)]
    [InlineData("DISCLAIMER", CheckResultStatus.Success)]
    [InlineData("DISCLAIMER-WIP", CheckResultStatus.Success)]
    public async Task Podling_NeedsADisclaimer(string? disclaimer, CheckResultStatus status)
    {
        var entries = disclaimer is null ? Good() : Good().Append(new Entry($"{Root}/{disclaimer}", "incubating")).ToArray();

        var findings = await ArchiveCheckTests.RunAsync($"{Root}.tar.gz", HostileArchives.TarGz(entries), podling: true);

        Assert.Equal(status, Assert.Single(findings, f => f.Checker == "license.files" && f.Message.Contains("DISCLAIMER", StringComparison.Ordinal)).Status);
    }

    [Theory]
    [InlineData("no header at all", "package x;\n", "No ASF licence header in the first 50 lines, nor any other licence")]
    [InlineData("one word changed", "/* Licensed to the Apache Software Foundation (ASF) under one or more contributor agreements. */\n", "The ASF licence header in the first 50 lines is altered")]
    public async Task SourceFileWithoutAValidHeader_IsAMemberFailure_AndTheSummaryFails(string why, string content, string message)
    {
        var findings = await RunAsync(Good().Append(new Entry($"{Root}/src/Bad.java", content)).ToArray());

        var member = Assert.Single(findings, f => f.Checker == "license.headers" && f.MemberRelPath is not null);
        Assert.True(member.Status == CheckResultStatus.Failure, why);
        Assert.Equal($"{Root}/src/Bad.java", member.MemberRelPath);
        Assert.StartsWith(message, member.Message, StringComparison.Ordinal);
        var summary = Assert.Single(findings, f => f.Checker == "license.headers" && f.MemberRelPath is null);
        Assert.Equal((CheckResultStatus.Failure, "3 source files: 2 under the Apache License, 0 third-party, 0 generated, 0 too small for a header, 0 excluded, 1 failed"), (summary.Status, summary.Message));
    }

    [Theory]
    [InlineData("https variant", "https://www.apache.org/licenses/LICENSE-2.0", 0)]
    [InlineData("header after 30 lines", null, 30)]
    [InlineData("generated by JavaCC", null, -1)]
    public async Task AcceptedHeaders(string why, string? url, int blankLines)
    {
        var content = blankLines < 0
            ? "/* Generated By:JavaCC: Do not edit this line. Parser.java */\n"
            : new string('\n', blankLines) + (url is null ? Header : Header.Replace("http://www.apache.org/licenses/LICENSE-2.0", url, StringComparison.Ordinal));

        var findings = await RunAsync(Good().Append(new Entry($"{Root}/src/Other.py", content)).ToArray());

        Assert.True(findings.Where(f => f.Checker == "license.headers").All(f => f.Status == CheckResultStatus.Success), why);
    }

    [Fact]
    public async Task HeaderBelowLine50_DoesNotCount()
    {
        var findings = await RunAsync(Good().Append(new Entry($"{Root}/src/Late.go", new string('\n', 50) + Header)).ToArray());

        Assert.Equal("No ASF licence header in the first 50 lines, nor any other licence", Assert.Single(findings, f => f.MemberRelPath is not null && f.Checker == "license.headers").Message);
    }

    [Fact]
    public async Task RatExcludes_ExcludeMatchingFiles_WhereverTheExcludesFileComesInTheArchive()
    {
        var entries = Good()
            .Append(new Entry($"{Root}/src/generated/Gen.java", "class Gen {}\n"))
            .Append(new Entry($"{Root}/.rat-excludes", "# generated sources\nsrc/generated/\n"))
            .ToArray();

        var findings = await RunAsync(entries);

        var summary = Assert.Single(findings, f => f.Checker == "license.headers" && f.Message.Contains(" source files: ", StringComparison.Ordinal));
        Assert.Equal((CheckResultStatus.Success, "3 source files: 2 under the Apache License, 0 third-party, 0 generated, 0 too small for a header, 1 excluded, 0 failed"), (summary.Status, summary.Message));
        Assert.Contains(findings, f => f.Checker == "license.headers" && f.Message == $"Exclusions applied: {Root}/.rat-excludes: 1 file");
    }

    [Fact]
    public async Task TheRevisionsIgnoreFile_ExcludesFilesOfEveryArchive_RelativeToItsTopFolder()
    {
        var entries = Good()
            .Append(new Entry($"{Root}/src/generated/Gen.java", "class Gen {}\n"))
            .Append(new Entry($"{Root}/tools/Tool.java", "class Tool {}\n"))
            .ToArray();
        var ignore = new Dictionary<string, byte[]> { [".atr/license-headers-ignore"] = "# made by the build\nsrc/generated/\n"u8.ToArray() };

        var findings = await ArchiveCheckTests.RunAsync($"{Root}.tar.gz", HostileArchives.TarGz(entries), others: ignore);

        var summary = Assert.Single(findings, f => f.Checker == "license.headers" && f.Message.Contains(" source files: ", StringComparison.Ordinal));
        Assert.Equal((CheckResultStatus.Failure, "4 source files: 2 under the Apache License, 0 third-party, 0 generated, 0 too small for a header, 1 excluded, 1 failed"), (summary.Status, summary.Message));
        Assert.Contains(findings, f => f.Checker == "license.headers" && f.Message == "Exclusions applied: .atr/license-headers-ignore: 1 file");
        Assert.Equal($"{Root}/tools/Tool.java", Assert.Single(findings, f => f.Checker == "license.headers" && f.MemberRelPath is not null).MemberRelPath);
    }

    [Fact]
    public async Task ABrokenIgnoreFile_IsReportedAndNotUsed()
    {
        var entries = Good().Append(new Entry($"{Root}/src/generated/Gen.java", "class Gen {}\n")).ToArray();
        var ignore = new Dictionary<string, byte[]> { [".atr/license-headers-ignore"] = "[z-a].java\n"u8.ToArray() };

        var findings = await ArchiveCheckTests.RunAsync($"{Root}.tar.gz", HostileArchives.TarGz(entries), others: ignore);

        Assert.Contains(findings, f => f.Status == CheckResultStatus.Warning && f.Message.StartsWith(".atr/license-headers-ignore: ", StringComparison.Ordinal));
    }

    private static Entry[] Good(string? license = null, string? notice = null) =>
    [
        new($"{Root}/LICENSE", license ?? LicenseTexts.ApacheLicense),
        new($"{Root}/NOTICE", notice ?? Notice),
        new($"{Root}/README.md", "# Widget\n"),
        new($"{Root}/src/Main.java", Header + "package org.apache.widget;\n"),
        new($"{Root}/bin/run.sh", "#!/bin/sh\n" + Header.Replace(" *", "#", StringComparison.Ordinal)),
    ];

    private static Task<IReadOnlyList<CheckFinding>> RunAsync(Entry[] entries) =>
        ArchiveCheckTests.RunAsync($"{Root}.tar.gz", HostileArchives.TarGz(entries));

    private static async Task<CheckFinding> LicenseFilesAsync(Entry[] entries, string file) =>
        Assert.Single(await RunAsync(entries), f => f.Checker == "license.files" && f.Message.StartsWith($"{Root}/{file}", StringComparison.Ordinal));

    /// <summary>A release whose NOTICE is Latin-1 ("©" as the single byte 0xA9), not UTF-8.</summary>
    private static byte[] Latin1Notice()
    {
        var archive = HostileArchives.TarGz(Good().Select(e => e.Name.EndsWith("NOTICE", StringComparison.Ordinal) ? e with { Content = "Apache Widget ~ 2026" } : e).ToArray());
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(archive), System.IO.Compression.CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        var bytes = tar.ToArray();
        bytes[bytes.AsSpan().IndexOf("Apache Widget ~"u8) + "Apache Widget ".Length] = 0xA9;
        using var packed = new MemoryStream();
        using (var output = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            output.Write(bytes);
        }

        return packed.ToArray();
    }
}
