using Atr.Domain.Checks;
using Atr.Domain.Checks.Archives;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks.Archives;

/// <summary>
/// Archives in the dialects real tools write (Fixtures/Dialects/make-dialects.sh: GNU tar's five formats, bsdtar,
/// Info-ZIP; gzip, bzip2, xz, zstd; sparse files, long names, base-256 numbers) and CPython's own test archives: each
/// is judged as GNU tar and Python judge it (Fixtures/Dialects/verdicts.tsv), member for member.
/// </summary>
public sealed class DialectTests
{
    /// <summary>The rows of verdicts.tsv: the archive, how many members the tools list, and whether GNU tar or unzip read it without error.</summary>
    public static TheoryData<string, int, bool> Verdicts()
    {
        var rows = new TheoryData<string, int, bool>();
        foreach (var line in File.ReadLines(FixtureFiles.PathOf("Dialects/verdicts.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (!fields[0].Contains("ziptestdata", StringComparison.Ordinal))
            {
                rows.Add(fields[0], int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), fields[3] == "0");
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    public async Task EveryArchive_IsJudgedAsTheToolsJudgeIt(string path, int members, bool readable)
    {
        var file = Path.IsPathRooted(path) ? path : FixtureFiles.PathOf(Path.Combine("Dialects", path));
        Assert.SkipUnless(File.Exists(file), $"{file} is not here (Debian's libpython3.11-testsuite provides it)");

        var findings = await ArchiveCheckTests.RunAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));

        var integrity = Assert.Single(findings, f => f.Checker.EndsWith(".integrity", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Status == CheckResultStatus.Exception);
        if (readable)
        {
            Assert.True(integrity.Status == CheckResultStatus.Success, integrity.Message);
            Assert.StartsWith(members == 1 ? "The one member read" : $"All {members:N0} members read", integrity.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(integrity.Status == CheckResultStatus.Failure, integrity.Message);
        }
    }

    [Theory]
    [InlineData("gnu-posix/apache-widget-1.0.0-src.tar.gz", "targz")]
    [InlineData("gnu-posix/apache-widget-1.0.0-src.tgz", "targz")]
    [InlineData("gnu-posix/apache-widget-1.0.0-src.tar.bz2", "tarbz2")]
    [InlineData("gnu-posix/apache-widget-1.0.0-src.tar.xz", "tarxz")]
    [InlineData("gnu-posix/apache-widget-1.0.0-src.tar.zst", "tarzst")]
    [InlineData("gnu-sparse/apache-widget-1.0.0-src.tar.gz", "targz")]
    [InlineData("posix-sparse-1.0/apache-widget-1.0.0-src.tar.gz", "targz")]
    [InlineData("gnu-longnames/apache-widget-1.0.0-src.tar.gz", "targz")]
    [InlineData("ustar-prefix/apache-widget-1.0.0-src.tar.gz", "targz")]
    [InlineData("gnu-v7/apache-widget-1.0.0-src.tar.gz", "targz")]
    [InlineData("zip-infozip-symlinks/apache-widget-1.0.0-src.zip", "zip")]
    public async Task EveryCompressionAndDialect_GetsTheSameRules_UnderItsOwnName(string path, string prefix)
    {
        var findings = await ArchiveCheckTests.RunAsync(Path.GetFileName(path), await File.ReadAllBytesAsync(FixtureFiles.PathOf(Path.Combine("Dialects", path)), TestContext.Current.CancellationToken));

        var structure = Assert.Single(findings, f => f.Checker == $"{prefix}.structure");
        Assert.True(structure.Status == CheckResultStatus.Success, structure.Message);
        Assert.StartsWith("One top-level folder, apache-widget-1.0.0-src/", structure.Message, StringComparison.Ordinal);
        Assert.All(findings.Where(f => f.Checker == "license.files"), f => Assert.True(f.Status == CheckResultStatus.Success, f.Message));
        Assert.DoesNotContain(findings, f => f.Checker == "license.headers" && f.Status is CheckResultStatus.Failure or CheckResultStatus.Exception);
        Assert.Contains(findings, f => f.Checker == "license.headers");
    }

    [Theory]
    [InlineData("apache-widget-1.0.0-src.7z", "7-Zip")]
    [InlineData("apache-widget-1.0.0-src.tar.lz", "lzip-compressed tar")]
    [InlineData("apache-widget-1.0.0-src.rar", "RAR")]
    public async Task AnArchiveFormatAtrDoesNotRead_IsASkippedRowNamingIt(string name, string format)
    {
        var findings = await ArchiveCheckTests.RunAsync(name, [1, 2, 3]);

        var skipped = Assert.Single(findings);
        Assert.Equal((CheckResultStatus.Skipped, ArchiveCheck.UnreadChecker), (skipped.Status, skipped.Checker));
        Assert.StartsWith($"Skipped: {name} is a {format} archive, a format Atr does not read", skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASparseFile_ReadsWithItsHolesAsZeros()
    {
        var archive = await File.ReadAllBytesAsync(FixtureFiles.PathOf("Dialects/gnu-sparse/apache-widget-1.0.0-src.tar.gz"), TestContext.Current.CancellationToken);
        var expected = await File.ReadAllBytesAsync(FixtureFiles.PathOf("Dialects/posix-sparse-1.0/apache-widget-1.0.0-src.tar.gz"), TestContext.Current.CancellationToken);

        var heads = await HeadsAsync(archive, "apache-widget-1.0.0-src.tar.gz");
        var others = await HeadsAsync(expected, "apache-widget-1.0.0-src.tar.gz");

        var holes = Assert.Single(heads, h => h.Key.EndsWith("holes.bin", StringComparison.Ordinal));
        Assert.Equal(1 << 20, holes.Value.Size);
        Assert.Equal(holes.Value.Head, Assert.Single(others, h => h.Key.EndsWith("holes.bin", StringComparison.Ordinal)).Value.Head);
        Assert.Contains((byte)0, holes.Value.Head);
        Assert.True(holes.Value.Head.Any(b => b is >= (byte)'a' and <= (byte)'z'), "the text runs are in place");
    }

    private static async Task<Dictionary<string, (long Size, byte[] Head)>> HeadsAsync(byte[] archive, string name)
    {
        var heads = new Dictionary<string, (long, byte[])>();
        await ArchiveReader.ReadAsync(new MemoryStream(archive), ArchiveKind.Of(name)!, new ArchiveLimits(), _ => 1 << 20, (member, head) =>
        {
            heads[member.Name] = (member.Size, head.ToArray());
            return true;
        }, TestContext.Current.CancellationToken);
        return heads;
    }
}
