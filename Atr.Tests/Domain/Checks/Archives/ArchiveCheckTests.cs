using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Archives;
using Atr.Domain.Keys;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks.Archives;

/// <summary>The archive check's single pass: integrity and structure, for tar.gz and zip, on real and hostile archives.</summary>
public sealed class ArchiveCheckTests
{
    private const string TarName = "apache-widget-1.0.0-src.tar.gz";
    private const string ZipName = "apache-widget-1.0.0-src.zip";

    [Theory]
    [InlineData(TarName, "targz")]
    [InlineData(ZipName, "zip")]
    public async Task ArchiveMadeByRealTools_PassesIntegrityAndStructure(string name, string prefix)
    {
        var findings = await RunAsync(name, File.ReadAllBytes(FixtureFiles.PathOf($"Archives/{name}")));

        var integrity = Assert.Single(findings, f => f.Checker == $"{prefix}.integrity");
        Assert.Equal(CheckResultStatus.Success, integrity.Status);
        Assert.StartsWith("All ", integrity.Message, StringComparison.Ordinal);
        var structure = Assert.Single(findings, f => f.Checker == $"{prefix}.structure");
        Assert.Equal(CheckResultStatus.Success, structure.Status);
        Assert.StartsWith("One top-level folder, apache-widget-1.0.0-src/, with ", structure.Message, StringComparison.Ordinal);
        Assert.All(findings.Where(f => f.Checker.StartsWith(prefix, StringComparison.Ordinal)), f => Assert.Null(f.MemberRelPath));
    }

    public static TheoryData<string, Entry, string> HostileMembers() => new()
    {
        { "traversal", new Entry("apache-widget-1.0.0-src/../../evil.sh"), "A '..' segment" },
        { "absolute", new Entry("/etc/cron.d/evil"), "An absolute path" },
        { "drive", new Entry("C:/Windows/evil.dll"), "A drive prefix" },
        { "backslash", new Entry("apache-widget-1.0.0-src\\..\\evil"), "The name contains a backslash" },
        { "escaping symlink", new Entry("apache-widget-1.0.0-src/link", Type: TarEntryType.SymbolicLink, Link: "../../../etc/passwd"), "A symbolic link to '../../../etc/passwd', outside the archive" },
        { "absolute symlink", new Entry("apache-widget-1.0.0-src/link", Type: TarEntryType.SymbolicLink, Link: "/etc/passwd"), "A symbolic link to '/etc/passwd', outside the archive" },
        { "symlink to a sibling root", new Entry("apache-widget-1.0.0-src/link", Type: TarEntryType.SymbolicLink, Link: "../other/x"), "A symbolic link to '../other/x', outside its top-level folder" },
        { "hard link elsewhere", new Entry("apache-widget-1.0.0-src/hard", Type: TarEntryType.HardLink, Link: "other/secret"), "A hard link to 'other/secret', outside its top-level folder" },
        { "device", new Entry("apache-widget-1.0.0-src/dev", Type: TarEntryType.CharacterDevice), "A device file" },
        { "fifo", new Entry("apache-widget-1.0.0-src/pipe", Type: TarEntryType.Fifo), "A named pipe (FIFO)" },
        { "duplicate", new Entry("apache-widget-1.0.0-src/README"), "apache-widget-1.0.0-src/README appears twice" },
    };

    [Theory]
    [MemberData(nameof(HostileMembers))]
    public async Task HostileTarMember_IsAMemberLevelStructureFailureNamingIt(string why, Entry hostile, string problem)
    {
        var archive = HostileArchives.TarGz(new Entry("apache-widget-1.0.0-src/README", "hello"), hostile);

        var findings = await RunAsync(TarName, archive);

        var member = Assert.Single(findings, f => f.MemberRelPath is not null && f.Checker == "targz.structure");
        Assert.True(member.Status == CheckResultStatus.Failure, why);
        Assert.Equal(("targz.structure", hostile.Name), (member.Checker, member.MemberRelPath!));
        Assert.StartsWith(problem, member.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => f is { Checker: "targz.structure", MemberRelPath: null, Status: CheckResultStatus.Failure }
            && f.Message.StartsWith("1 member unsafe to extract: ", StringComparison.Ordinal));
        Assert.Equal(CheckResultStatus.Success, Assert.Single(findings, f => f.Checker == "targz.integrity").Status);
    }

    [Theory]
    [InlineData("apache-widget-1.0.0-src/../../evil.sh", null, "A '..' segment")]
    [InlineData("apache-widget-1.0.0-src/link", "../../../etc/passwd", "A symbolic link to '../../../etc/passwd', outside the archive")]
    public async Task HostileZipMember_IsAMemberLevelStructureFailure(string name, string? link, string problem)
    {
        var archive = HostileArchives.Zip(new Entry("apache-widget-1.0.0-src/README", "hello"),
            new Entry(name, "x", link is null ? TarEntryType.RegularFile : TarEntryType.SymbolicLink, link));

        var findings = await RunAsync(ZipName, archive);

        var member = Assert.Single(findings, f => f.MemberRelPath is not null && f.Checker == "zip.structure");
        Assert.Equal(("zip.structure", name), (member.Checker, member.MemberRelPath!));
        Assert.StartsWith(problem, member.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChainOfLinks_ThatEachStayInside_IsRefused()
    {
        var findings = await RunAsync(TarName, HostileArchives.TarGz(
            new Entry("apache-widget-1.0.0-src/README"),
            new Entry("apache-widget-1.0.0-src/esc", Type: TarEntryType.SymbolicLink, Link: "d1/d2/up/../.."),
            new Entry("apache-widget-1.0.0-src/d1/d2/up", Type: TarEntryType.SymbolicLink, Link: "../..")));

        var member = Assert.Single(findings, f => f.MemberRelPath is not null && f.Checker == "targz.structure");
        Assert.Equal("apache-widget-1.0.0-src/esc", member.MemberRelPath);
        Assert.StartsWith("A symbolic link to 'd1/d2/up/../..' through another link, apache-widget-1.0.0-src/d1/d2/up", member.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesThatCollideIgnoringCase_AreAWarning()
    {
        var findings = await RunAsync(TarName, HostileArchives.TarGz(
            new Entry("apache-widget-1.0.0-src/README"), new Entry("apache-widget-1.0.0-src/readme")));

        var member = Assert.Single(findings, f => f.MemberRelPath is not null && f.Checker == "targz.structure");
        Assert.Equal(CheckResultStatus.Warning, member.Status);
        Assert.Contains("same file on case-insensitive file systems", member.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CheckResultStatus.Warning, "The top-level folder is widget/, expected apache-widget-1.0.0-src/", "widget/README")]
    [InlineData(CheckResultStatus.Failure, "2 top-level folders (a, b): expected one, apache-widget-1.0.0-src/", "a/README", "b/README")]
    [InlineData(CheckResultStatus.Failure, "Files at the top level (README): everything belongs in one folder", "README", "apache-widget-1.0.0-src/x")]
    [InlineData(CheckResultStatus.Failure, "The archive is empty")]
    public async Task Roots_OneFolderNamedLikeTheArchive(CheckResultStatus status, string message, params string[] names)
    {
        foreach (var (name, archive) in new[]
                 {
                     (TarName, HostileArchives.TarGz(names.Select(n => new Entry(n, "x")).ToArray())),
                     (ZipName, HostileArchives.Zip(names.Select(n => new Entry(n, "x")).ToArray())),
                 })
        {
            var findings = await RunAsync(name, archive);

            var structure = Assert.Single(findings, f => f.Checker.EndsWith(".structure", StringComparison.Ordinal));
            Assert.True(status == structure.Status, $"{name}: {structure.Message} / {findings[0].Message}");
            Assert.True(structure.Message.StartsWith(message, StringComparison.Ordinal), $"{name}: {structure.Message} / {findings[0].Message}");
        }
    }

    [Fact]
    public async Task TruncatedTarGz_FailsIntegrity_AndStructureIsNotJudged()
    {
        var findings = await RunAsync(TarName, File.ReadAllBytes(FixtureFiles.PathOf("Archives/truncated.tar.gz")));

        var integrity = Assert.Single(findings, f => f.Checker == "targz.integrity");
        Assert.Equal(CheckResultStatus.Failure, integrity.Status);
        Assert.StartsWith("The archive is ", integrity.Message, StringComparison.Ordinal);
        Assert.StartsWith("The structure was not judged", Assert.Single(findings, f => f.Checker == "targz.structure").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZipWithACorruptedMember_FailsItsCrc()
    {
        var archive = HostileArchives.Zip(new Entry("apache-widget-1.0.0-src/README", new string('a', 5000)));
        var data = archive.AsSpan().IndexOf("apache-widget-1.0.0-src/README"u8) + "apache-widget-1.0.0-src/README".Length + 4;
        archive[data] ^= 0x55;

        var integrity = Assert.Single(await RunAsync(ZipName, archive), f => f.Checker == "zip.integrity");

        Assert.Equal(CheckResultStatus.Failure, integrity.Status);
        Assert.Contains("apache-widget-1.0.0-src/README", integrity.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expands to more than 1,048,576 bytes", 1 << 20, 1000, 16 << 20)]
    [InlineData("expands more than 100:1", 1L << 30, 100, 1 << 20)]
    public async Task Bomb_StopsAtTheLimit(string message, long maxBytes, int ratio, long floor)
    {
        var limits = new ArchiveLimits { MaxUncompressedBytes = maxBytes, MaxCompressionRatio = ratio, RatioFloorBytes = floor };

        var findings = await RunAsync(TarName, HostileArchives.Bomb(64 << 20), limits);

        var integrity = Assert.Single(findings, f => f.Checker == "targz.integrity");
        Assert.Equal(CheckResultStatus.Failure, integrity.Status);
        Assert.Contains(message, integrity.Message, StringComparison.Ordinal);
        Assert.Equal("bomb/zeros", JsonDocument.Parse(integrity.Data).RootElement.GetProperty("member").GetString());
    }

    [Fact]
    public async Task AHugeDeclaredPaxHeader_IsRefusedBeforeAnythingIsAllocated()
    {
        var header = new byte[512];
        "PaxHeaders/evil"u8.CopyTo(header);
        "0000644\0"u8.CopyTo(header.AsSpan(100));
        "77777777777\0"u8.CopyTo(header.AsSpan(124));
        header[156] = (byte)'x';
        "ustar\u000000"u8.CopyTo(header.AsSpan(257));
        "        "u8.CopyTo(header.AsSpan(148));
        var checksum = header.Sum(b => b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(header);
        }

        var integrity = Assert.Single(await RunAsync(TarName, packed.ToArray()), f => f.Checker == "targz.integrity");

        Assert.Equal(CheckResultStatus.Failure, integrity.Status);
        Assert.StartsWith("A tar metadata header (type 'x') declares 8,589,934,591 bytes", integrity.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGitArchiveGlobalHeader_IsNotAMember()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "4b825dc642cb6eb9a060e54bf8d69288fbee4904" }));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "apache-widget-1.0.0-src/README") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        var structure = Assert.Single(await RunAsync(TarName, buffer.ToArray()), f => f.Checker == "targz.structure");

        Assert.Equal(CheckResultStatus.Success, structure.Status);
    }

    [Fact]
    public async Task AZipDeclaringTooManyMembers_IsRefusedBeforeItsDirectoryIsRead()
    {
        var archive = HostileArchives.Zip(new Entry("apache-widget-1.0.0-src/README", "x"));
        var end = archive.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        BitConverter.GetBytes((ushort)60_000).CopyTo(archive, end + 8);
        BitConverter.GetBytes((ushort)60_000).CopyTo(archive, end + 10);

        var findings = await RunAsync(ZipName, archive, new ArchiveLimits { MaxMembers = 1_000 });

        Assert.Equal("The archive lists 60,000 members; at most 1,000 are read", Assert.Single(findings, f => f.Checker == "zip.integrity").Message);
    }

    [Fact]
    public async Task TooManyMembers_StopsAtTheLimit()
    {
        var archive = HostileArchives.TarGz(Enumerable.Range(0, 20).Select(i => new Entry($"apache-widget-1.0.0-src/{i}")).ToArray());

        var findings = await RunAsync(TarName, archive, new ArchiveLimits { MaxMembers = 10 });

        Assert.StartsWith("The archive has more than 10 members", Assert.Single(findings, f => f.Checker == "targz.integrity").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryArtifact_SkipsTheStructureRules_AndSaysSo()
    {
        var findings = await RunAsync("apache-widget-1.0.0-bin.tar.gz", HostileArchives.TarGz(new Entry("README", "x")),
            binaryPatterns: ["*-bin.tar.gz"]);

        Assert.Equal(CheckResultStatus.Success, Assert.Single(findings, f => f.Checker == "targz.integrity").Status);
        Assert.Equal(["license.files", "license.headers", "targz.structure"],
            findings.Where(f => f.Status == CheckResultStatus.Skipped).Select(f => f.Checker).Order());
        Assert.All(findings.Where(f => f.Checker != "targz.integrity"), skipped =>
            Assert.StartsWith("Skipped: apache-widget-1.0.0-bin.tar.gz matches the project's binary artifact patterns", skipped.Message, StringComparison.Ordinal));
    }

    /// <param name="others">Further files of the revision, by path (e.g. its <c>.atr/</c> control files).</param>
    internal static async Task<IReadOnlyList<CheckFinding>> RunAsync(
        string name, byte[] archive, ArchiveLimits? limits = null, IReadOnlyList<string>? binaryPatterns = null, bool podling = false,
        IReadOnlyDictionary<string, byte[]>? others = null)
    {
        var check = new ArchiveCheck(ArchiveKind.Of(name)?.Format ?? ArchiveFormat.Tar, limits ?? new ArchiveLimits());
        var contents = new Dictionary<string, byte[]>(others ?? new Dictionary<string, byte[]>()) { [name] = archive };
        var entries = contents.Select(c => new ManifestEntry(c.Key, c.Value.Length, Convert.ToHexStringLower(SHA256.HashData(c.Value)),
            Convert.ToHexStringLower(SHA512.HashData(c.Value))));
        var policy = EffectiveReleasePolicy.Of(binaryPatterns is null ? null : new ReleasePolicy { BinaryArtifactPaths = [.. binaryPatterns] }, "widget");
        var subject = new CheckSubject("widget", "1.0.0", "00002", "widget", podling, policy, new Manifest(entries), name, CommitteeKeys.None(DateTime.UtcNow));
        var run = new CheckRun(check, subject, (entry, _) => Task.FromResult<Stream>(new MemoryStream(contents[entry.Path])));
        Assert.True(check.AppliesTo(name));
        await check.RunAsync(run, TestContext.Current.CancellationToken);
        return run.Findings;
    }
}
