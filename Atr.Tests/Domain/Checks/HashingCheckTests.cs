using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Hashing;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;

namespace Atr.Tests.Domain.Checks;

public sealed class HashingCheckTests
{
    private static readonly byte[] Artifact = "the artifact's bytes"u8.ToArray();
    private static readonly string Sha512 = Convert.ToHexStringLower(SHA512.HashData(Artifact));
    private static readonly string Sha256 = Convert.ToHexStringLower(SHA256.HashData(Artifact));

    public static TheoryData<string, string> AcceptedForms() => new()
    {
        { "GNU, two spaces", $"{Sha512}  apache-widget-1.2.0.tar.gz\n" },
        { "GNU, binary mode", $"{Sha512} *apache-widget-1.2.0.tar.gz\n" },
        { "bare hash", $"{Sha512}\n" },
        { "bare, upper case, no newline", Sha512.ToUpperInvariant() },
        { "BSD", $"SHA512 (apache-widget-1.2.0.tar.gz) = {Sha512}\n" },
        { "wrapped gpg --print-md", WrappedForm("apache-widget-1.2.0.tar.gz", Sha512) },
        { "several files, ours among them", $"{new string('0', 128)}  other.tar.gz\n{Sha512}  apache-widget-1.2.0.tar.gz\n" },
        { "path before the name", $"{Sha512}  dist/apache-widget-1.2.0.tar.gz\n" },
        { "byte order mark and CRLF", $"\uFEFF{Sha512}  apache-widget-1.2.0.tar.gz\r\n" },
    };

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public async Task Run_AcceptedForm_MatchingHash_Succeeds(string form, string content)
    {
        var findings = await RunAsync("apache-widget-1.2.0.tar.gz.sha512", content);

        var finding = Assert.Single(findings);
        Assert.True(finding.Status == CheckResultStatus.Success, $"{form}: {finding.Message}");
        Assert.Equal("SHA-512 matches apache-widget-1.2.0.tar.gz", finding.Message);
        Assert.Equal("apache-widget-1.2.0.tar.gz.sha512", finding.PrimaryRelPath);
        Assert.Contains(Sha512, finding.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sha256File_ComparesSha256()
    {
        var findings = await RunAsync("apache-widget-1.2.0.tar.gz.sha256", $"{Sha256}  apache-widget-1.2.0.tar.gz\n");

        Assert.Equal("SHA-256 matches apache-widget-1.2.0.tar.gz", Assert.Single(findings).Message);
    }

    [Theory]
    [InlineData("wrong hash", "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000beef  apache-widget-1.2.0.tar.gz", "SHA-512 mismatch for apache-widget-1.2.0.tar.gz: the file says 0000000000000000…")]
    [InlineData("names another file", "{0}  apache-widget-1.1.0.tar.gz", "The checksum file names apache-widget-1.1.0.tar.gz, not apache-widget-1.2.0.tar.gz")]
    [InlineData("no hash", "this is not a checksum", "No SHA-512 hash found in the file")]
    [InlineData("a SHA-256 in a .sha512 file", "{1}  apache-widget-1.2.0.tar.gz", "No SHA-512 hash found in the file")]
    [InlineData("two bare hashes", "{0}\n{0}", "The file holds several SHA-512 hashes and names none of them")]
    public async Task Run_BadChecksumFile_FailsNamingTheProblem(string why, string template, string message)
    {
        var findings = await RunAsync("apache-widget-1.2.0.tar.gz.sha512", string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Sha512, Sha256));

        var finding = Assert.Single(findings);
        Assert.True(finding.Status == CheckResultStatus.Failure, why);
        Assert.StartsWith(message, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutTheArtifact_FailsNamingIt()
    {
        var findings = await RunAsync("apache-widget-9.9.9.tar.gz.sha512", $"{Sha512}\n");

        Assert.Equal("There is no apache-widget-9.9.9.tar.gz for this checksum file", Assert.Single(findings).Message);
    }

    [Fact]
    public void DescribeInputs_ChangesWithEitherFile()
    {
        var check = new HashingCheck();
        var checksum = Entry("a.tar.gz.sha512", "x");
        var before = Subject(new Manifest([Entry("a.tar.gz", "one"), checksum]), checksum.Path);
        var after = Subject(new Manifest([Entry("a.tar.gz", "two"), checksum]), checksum.Path);

        Assert.NotEqual(check.DescribeInputs(before), check.DescribeInputs(after));
        Assert.Equal(check.DescribeInputs(before), check.DescribeInputs(Subject(new Manifest([Entry("a.tar.gz", "one"), checksum]), checksum.Path)));
    }

    private static async Task<IReadOnlyList<CheckFinding>> RunAsync(string checksumPath, string content)
    {
        var artifact = new ManifestEntry("apache-widget-1.2.0.tar.gz", Artifact.Length, Sha256, Sha512);
        var checksum = Entry(checksumPath, content);
        var contents = new Dictionary<string, byte[]> { [checksumPath] = Encoding.UTF8.GetBytes(content) };
        var run = new CheckRun(new HashingCheck(), Subject(new Manifest([artifact, checksum]), checksumPath),
            (file, _) => Task.FromResult<Stream>(new MemoryStream(contents[file.Path])));
        await new HashingCheck().RunAsync(run, Xunit.TestContext.Current.CancellationToken);
        return run.Findings;
    }

    private static CheckSubject Subject(Manifest files, string path) =>
        new("widget", "1.2.0", "00002", "widget", false, EffectiveReleasePolicy.Of(null, "widget"), files, path, Atr.Domain.Keys.CommitteeKeys.None(DateTime.UtcNow));

    private static ManifestEntry Entry(string path, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new ManifestEntry(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(SHA512.HashData(bytes)));
    }

    /// <summary>The layout of <c>gpg --print-md SHA512</c>: the name, then upper-case groups of eight wrapped under it.</summary>
    private static string WrappedForm(string name, string hash)
    {
        var groups = Enumerable.Range(0, hash.Length / 8).Select(i => hash.Substring(i * 8, 8).ToUpperInvariant()).ToList();
        var indent = new string(' ', name.Length + 2);
        return $"{name}: {string.Join(' ', groups.Take(6))}\n{indent}{string.Join(' ', groups.Skip(6).Take(6))}\n{indent}{string.Join(' ', groups.Skip(12))}\n";
    }
}
