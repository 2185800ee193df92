using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Signatures;
using Atr.Domain.Keys;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks;

/// <summary>The signature check against GnuPG-made signatures (Fixtures/Signatures/make-signatures.sh).</summary>
public sealed class SignatureCheckTests
{
    public const string Archive = "apache-widget-1.0.0-src.tar.gz";
    public const string Rsa = "a156697776886b5829930989bcdc0cd06a4a3054";
    public const string Ed25519 = "7c81efab92a38056af0f68e58c32076407a662c7";
    public const string Ed25519Subkey = "0f926f0d66f3b1ca6087ccc3624cfbbed414bdeb";
    public const string Expired = "86df72e31e6eb2385089cadb9fd85c64799b5522";
    public const string Revoked = "9c7baaa8ca72c1b71866e568b01ee6cb118c9bb6";
    public const string Ecdsa = "0dfc1598373a17c2315310f8a946001ca3cd5f7f";
    public const string Dsa = "b93974efd34f009d21667a2627ea11b28ee565c4";

    /// <summary>The committee's keys in these tests: all but the stranger's.</summary>
    private static readonly string[] CommitteeKeyFiles = ["rsa", "ed25519", "ecdsa", "dsa", "expired", "revoked"];

    /// <summary>The good signatures, one per public-key algorithm and hash verified.</summary>
    public static TheoryData<string> GoodSignatures => ["rsa", "ed25519", "ecdsa", "ecdsa-sha384", "dsa"];

    [Theory]
    [InlineData("rsa", Rsa, Rsa, "Rita Manager <rita@apache.org>", "SHA-512")]
    [InlineData("ed25519", Ed25519, Ed25519Subkey, "Carl Committer <carl@apache.org>", "SHA-512")]
    [InlineData("ecdsa", Ecdsa, Ecdsa, "Erin Elliptic <erin@apache.org>", "SHA-256")]
    [InlineData("ecdsa-sha384", Ecdsa, Ecdsa, "Erin Elliptic <erin@apache.org>", "SHA-384")]
    [InlineData("dsa", Dsa, Dsa, "Dave Discrete <dave@apache.org>", "SHA-256")]
    public async Task GoodSignature_ByACommitteeKey_Succeeds_NamingTheSigner(string signature, string signer, string signingKey, string userId, string hash)
    {
        var finding = Assert.Single(await RunAsync(Fixture($"{Archive}.{signature}.asc"), Keys(DateTime.UtcNow)));

        Assert.True(finding.Status == CheckResultStatus.Success, finding.Message);
        Assert.StartsWith($"Good signature of {Archive} by {userId} ({KeyParser.Display(signer)}), made ", finding.Message, StringComparison.Ordinal);
        var data = JsonDocument.Parse(finding.Data).RootElement;
        Assert.Equal(signer, data.GetProperty("signer").GetString());
        Assert.Equal(signingKey, data.GetProperty("signingKey").GetString());
        Assert.Equal(hash, data.GetProperty("hash").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("reason").ValueKind);
        Assert.Equal($"{Archive}.asc", finding.PrimaryRelPath);
    }

    [Theory]
    [InlineData("expired", "expired-key", "The key 86DF 72E3 1E6E B238 5089  CADB 9FD8 5C64 799B 5522 expired on 2020-12-31")]
    [InlineData("revoked", "revoked-key", "The key 9C7B AAA8 CA72 C1B7 1866  E568 B01E E6CB 118C 9BB6 was revoked on ")]
    [InlineData("text", "text-mode", "The signature was made in text mode (gpg --textmode)")]
    [InlineData("sha1", "weak-hash", "The signature uses SHA-1, a broken hash")]
    [InlineData("unknown", "unknown-key", "The key E40E30F39C6ECFC8 is not among the 6 keys of the committee widget")]
    public async Task Signature_ThatMustNotCount_FailsNamingTheReason(string signature, string reason, string message)
    {
        var finding = Assert.Single(await RunAsync(Fixture($"{Archive}.{signature}.asc"), Keys(DateTime.UtcNow)));

        Assert.Equal(CheckResultStatus.Failure, finding.Status);
        Assert.StartsWith(message.Replace("  ", " ", StringComparison.Ordinal), finding.Message, StringComparison.Ordinal);
        Assert.Equal(reason, JsonDocument.Parse(finding.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ExpiredKey_CheckedWhileItWasValid_Succeeds()
    {
        var finding = Assert.Single(await RunAsync(Fixture($"{Archive}.expired.asc"), Keys(new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc))));

        Assert.Equal(CheckResultStatus.Success, finding.Status);
    }

    [Theory]
    [MemberData(nameof(GoodSignatures))]
    public async Task TamperedArtifact_IsABadSignature(string signature)
    {
        var tampered = Fixture(Archive);
        tampered[^5] ^= 0x01;

        var finding = Assert.Single(await RunAsync(Fixture($"{Archive}.{signature}.asc"), Keys(DateTime.UtcNow), tampered));

        Assert.Equal(CheckResultStatus.Failure, finding.Status);
        Assert.Equal($"Bad signature: it does not match the content of {Archive}", finding.Message);
        Assert.Equal("bad-signature", JsonDocument.Parse(finding.Data).RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(GoodSignatures))]
    public async Task KeptHashOfTheArtifact_IsVerifiedWithoutReadingItAgain(string signature)
    {
        var artifact = Fixture(Archive);
        var tampered = Fixture(Archive);
        tampered[100] ^= 0x80;

        var good = Assert.Single(await RunWithKeptHashAsync(Fixture($"{Archive}.{signature}.asc"), artifact));
        var bad = Assert.Single(await RunWithKeptHashAsync(Fixture($"{Archive}.{signature}.asc"), tampered));

        Assert.True(good.Status == CheckResultStatus.Success, good.Message);
        Assert.Equal("bad-signature", JsonDocument.Parse(bad.Data).RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("not a signature at all")]
    [InlineData("-----BEGIN PGP SIGNATURE-----\n\nAAAAAAAA\n-----END PGP SIGNATURE-----\n")]
    public async Task MalformedArmour_FailsSayingSo(string text)
    {
        var finding = Assert.Single(await RunAsync(Encoding.UTF8.GetBytes(text), Keys(DateTime.UtcNow)));

        Assert.Equal(CheckResultStatus.Failure, finding.Status);
        Assert.StartsWith("The file is not an ASCII-armoured OpenPGP signature", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicKeyInsteadOfASignature_IsMalformed()
    {
        var finding = Assert.Single(await RunAsync(Fixture("rsa.key.asc"), Keys(DateTime.UtcNow)));

        Assert.Equal("malformed", JsonDocument.Parse(finding.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WithoutItsArtifact_Fails()
    {
        var signature = Entry($"{Archive}.asc", Fixture($"{Archive}.rsa.asc"));
        var run = new CheckRun(new SignatureCheck(), Subject(new Manifest([signature]), Keys(DateTime.UtcNow)),
            (_, _) => Task.FromResult<Stream>(new MemoryStream(Fixture($"{Archive}.rsa.asc"))));

        await new SignatureCheck().RunAsync(run, TestContext.Current.CancellationToken);

        Assert.Equal($"There is no {Archive} for this signature", Assert.Single(run.Findings).Message);
    }

    [Fact]
    public void Inputs_ChangeWithTheKeys_AndWhenAKeyExpires_NotOtherwise()
    {
        var files = new Manifest([Entry(Archive, Fixture(Archive)), Entry($"{Archive}.asc", Fixture($"{Archive}.rsa.asc"))]);
        string Inputs(CommitteeKeys keys) => new SignatureCheck().DescribeInputs(Subject(files, keys));
        var now = DateTime.UtcNow;

        Assert.Equal(Inputs(Keys(now)), Inputs(Keys(now.AddDays(1))));
        Assert.NotEqual(Inputs(Keys(now)), Inputs(Keys(now, "rsa", "ed25519", "expired")));
        Assert.NotEqual(Inputs(Keys(new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc))), Inputs(Keys(new DateTime(2021, 7, 1, 0, 0, 0, DateTimeKind.Utc))));
        Assert.NotEqual(Inputs(Keys(now)), Inputs(CommitteeKeys.None(now)));
    }

    [Theory]
    [InlineData("multi3.asc", 3)]
    [InlineData("concatenated.asc", 2)]
    public async Task SeveralSignaturesInOneFile_EachIsReported_AndAllAreGood(string file, int count)
    {
        var findings = await RunAsync(Wild(file), WildKeys("multi-keys.asc"), Wild(Archive));

        Assert.Equal(count, findings.Count);
        Assert.All(findings, f => Assert.True(f.Status == CheckResultStatus.Success, f.Message));
        Assert.Equal(count, findings.Select(f => JsonDocument.Parse(f.Data).RootElement.GetProperty("signer").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task ASignatureByAKeyTheCommitteeLacks_BesideAGoodOne_IsAWarningNamingTheKey()
    {
        var findings = await RunAsync(Wild("multi-unknown.asc"), WildKeys("multi-keys.asc"), Wild(Archive));

        Assert.Single(findings, f => f.Status == CheckResultStatus.Success);
        var warning = Assert.Single(findings, f => f.Status == CheckResultStatus.Warning);
        Assert.Matches("^The key [0-9A-F]{16} is not among the 3 keys of the committee widget", warning.Message);
        Assert.Contains("the file has 1 good signature", warning.Message, StringComparison.Ordinal);
        Assert.Equal("unknown-key", JsonDocument.Parse(warning.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task OnlySignaturesByKeysTheCommitteeLacks_Fail()
    {
        var findings = await RunAsync(Wild("multi-unknown.asc"), WildKeys("v3-rsa.key.asc"), Wild(Archive));

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal((CheckResultStatus.Failure, "unknown-key"),
            (f.Status, JsonDocument.Parse(f.Data).RootElement.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task AGoodAndABadSignature_FailOnTheBadOne()
    {
        var findings = await RunAsync(Wild("multi-bad.asc"), WildKeys("multi-keys.asc"), Wild(Archive));

        Assert.Single(findings, f => f.Status == CheckResultStatus.Success);
        var bad = Assert.Single(findings, f => f.Status == CheckResultStatus.Failure);
        Assert.Equal($"Bad signature: it does not match the content of {Archive}", bad.Message);
    }

    [Fact]
    public async Task OnlyTheKeyThatSigned_IsVerified()
    {
        var keys = WildKeys("multi-keys.asc");
        var onlyOne = Wild("multi3.asc");

        await RunAsync(Wild("v3-rsa.asc"), keys, Wild(Archive));
        Assert.All(keys.Keys, k => Assert.False(k.Verified));
        await RunAsync(onlyOne, keys, Wild(Archive));

        Assert.All(keys.Keys, k => Assert.True(k.Verified));
        var fresh = WildKeys("multi-keys.asc");
        await RunAsync(Wild("multi-unknown.asc"), fresh, Wild(Archive));
        Assert.Single(fresh.Keys, k => k.Verified);
    }

    [Theory]
    [InlineData("v3-rsa.asc", "v3-rsa.key.asc")]
    [InlineData("v2-rsa.asc", "v3-rsa.key.asc")]
    public async Task Version2And3Signatures_VerifyAsGnuPGVerifiesThem(string signature, string key)
    {
        var good = Assert.Single(await RunAsync(Wild(signature), WildKeys(key), Wild(Archive)));
        var tampered = Wild(Archive);
        tampered[^3] ^= 0x10;
        var bad = Assert.Single(await RunAsync(Wild(signature), WildKeys(key), tampered));

        Assert.True(good.Status == CheckResultStatus.Success, good.Message);
        Assert.Equal("bad-signature", JsonDocument.Parse(bad.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AVersion3DsaSignatureOverSha1_VerifiesButIsRefusedForItsHash()
    {
        var finding = Assert.Single(await RunAsync(Wild("v3-dsa.asc"), WildKeys("v3-dsa.key.asc"), Wild(Archive)));
        var tampered = Wild(Archive);
        tampered[10] ^= 0x01;
        var bad = Assert.Single(await RunAsync(Wild("v3-dsa.asc"), WildKeys("v3-dsa.key.asc"), tampered));

        Assert.Equal("weak-hash", JsonDocument.Parse(finding.Data).RootElement.GetProperty("reason").GetString());
        Assert.Equal("bad-signature", JsonDocument.Parse(bad.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void AppliesTo_SignatureFilesOnly()
    {
        var check = new SignatureCheck();

        Assert.True(check.AppliesTo($"dist/{Archive}.asc"));
        Assert.False(check.AppliesTo(Archive));
        Assert.False(check.AppliesTo(".asc"));
        Assert.False(check.AppliesTo($"{Archive}.sha512"));
    }

    public static byte[] Fixture(string name) => File.ReadAllBytes(FixtureFiles.PathOf(Path.Combine("Signatures", name)));

    private static byte[] Wild(string name) => File.ReadAllBytes(FixtureFiles.PathOf(Path.Combine("Wild", "signatures", name)));

    private static CommitteeKeys WildKeys(string file) =>
        new("widget", KeysFile.Read(Wild(file)).Keys, DateTime.UtcNow);

    public static string KeyText(string name) => Encoding.UTF8.GetString(Fixture($"{name}.key.asc"));

    private static CommitteeKeys Keys(DateTime at, params string[] names) =>
        new("widget", (names.Length == 0 ? CommitteeKeyFiles : names).Select(n => KeyParser.Stored(KeyText(n))!).ToList(), at);

    private static async Task<IReadOnlyList<CheckFinding>> RunAsync(byte[] signature, CommitteeKeys keys, byte[]? artifact = null)
    {
        var contents = new Dictionary<string, byte[]> { [Archive] = artifact ?? Fixture(Archive), [$"{Archive}.asc"] = signature };
        var files = new Manifest(contents.Select(c => Entry(c.Key, c.Value)));
        var run = new CheckRun(new SignatureCheck(), Subject(files, keys), (file, _) => Task.FromResult<Stream>(new MemoryStream(contents[file.Path])));
        await new SignatureCheck().RunAsync(run, TestContext.Current.CancellationToken);
        return run.Findings;
    }

    /// <summary>Runs the check as the offline command does, with the artifact's hashes kept from hashing it; reading it fails.</summary>
    private static async Task<IReadOnlyList<CheckFinding>> RunWithKeptHashAsync(byte[] signature, byte[] artifact)
    {
        var files = new Manifest([Entry(Archive, artifact), Entry($"{Archive}.asc", signature)]);
        var run = new CheckRun(new SignatureCheck(), Subject(files, Keys(DateTime.UtcNow)),
            (file, _) => file.Path == Archive ? throw new InvalidOperationException("The artifact was read again") : Task.FromResult<Stream>(new MemoryStream(signature)),
            (_, algorithm) =>
            {
                var hash = IncrementalHash.CreateHash(algorithm);
                hash.AppendData(artifact);
                return hash;
            });
        await new SignatureCheck().RunAsync(run, TestContext.Current.CancellationToken);
        return run.Findings;
    }

    private static CheckSubject Subject(Manifest files, CommitteeKeys keys) =>
        new("widget", "1.0.0", "00002", "widget", false, EffectiveReleasePolicy.Of(null, "widget"), files, $"{Archive}.asc", keys);

    private static ManifestEntry Entry(string path, byte[] content) =>
        new(path, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), Convert.ToHexStringLower(SHA512.HashData(content)));
}
