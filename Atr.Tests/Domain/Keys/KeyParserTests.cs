using System.Text;
using Atr.Domain.Common;
using Atr.Domain.Keys;

namespace Atr.Tests.Domain.Keys;

/// <summary>Keys made by GnuPG, read back: only verified self-signatures count.</summary>
public sealed class KeyParserTests
{
    [Fact]
    public void Rsa4096_GivesFingerprintSizeUserIdsAndSigning()
    {
        var key = Single("rsa4096.asc");

        Assert.Equal(KeyFixtures.Rsa, key.Fingerprint);
        Assert.Equal((1, 4096, (string?)null), (key.Algorithm, key.Length, key.Curve));
        Assert.Equal(["Rita Manager <rita@apache.org>", "Rita Manager <rita@example.org>"], key.UserIds.Order());
        Assert.True(key.CanSign);
        Assert.Null(key.Expires);
        Assert.Null(key.Revoked);
        Assert.Equal(DateTimeKind.Utc, key.Created.Kind);
        Assert.Equal("70af7f7402d2e171", key.KeyId);
    }

    [Fact]
    public void Ed25519_WithASigningSubkey_NamesTheCurveAndTheSubkey()
    {
        var key = Single("ed25519-subkey.asc");

        Assert.Equal(KeyFixtures.Ed25519, key.Fingerprint);
        Assert.Equal("Ed25519", key.Curve);
        Assert.False(key.CanSign);
        var subkey = Assert.Single(key.Subkeys);
        Assert.True(subkey.CanSign);
        Assert.Null(subkey.Expires);
        Assert.Equal(40, subkey.Fingerprint.Length);
    }

    [Fact]
    public void ExpiredKey_Expires365DaysAfterItWasMade_AsGnuPGSays()
    {
        var key = Single("expired.asc");

        Assert.Equal(KeyFixtures.Expired, key.Fingerprint);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), key.Created);
        Assert.Equal(key.Created.AddDays(365), key.Expires);
    }

    [Fact]
    public void KeyWhoseSubkeyExpired_NeverExpiresButItsSubkeyHas()
    {
        var key = Single("subkey-expired.asc");

        Assert.Null(key.Expires);
        var subkey = Assert.Single(key.Subkeys);
        Assert.Equal(subkey.Created.AddDays(365), subkey.Expires);
        Assert.Equal(2020, subkey.Created.Year);
        Assert.True(subkey.CanSign);
    }

    [Fact]
    public void RevokedKey_IsRevoked_AndTheSameKeyBeforeIsNot()
    {
        Assert.NotNull(Single("revoked.asc").Revoked);
        Assert.Null(Single("revoked-before.asc").Revoked);
        Assert.Equal(KeyFixtures.Revoked, Single("revoked-before.asc").Fingerprint);
    }

    [Fact]
    public void RevocationCertificate_IsReadAsARevocation_AndRevokesOnlyItsOwnKey()
    {
        var file = KeysFile.Read(Encoding.UTF8.GetBytes(KeyFixtures.Text("revocation.asc")));
        Assert.Empty(file.Keys);
        var revocation = Assert.Single(file.Revocations).Signature;

        var revoked = KeyParser.Revoke(Single("revoked-before.asc"), revocation);

        Assert.NotNull(revoked);
        Assert.NotNull(revoked.Revoked);
        Assert.NotNull(KeyParser.Read(revoked.Armor).Revoked);
        Assert.Null(KeyParser.Revoke(Single("rsa4096.asc"), revocation));
    }

    [Fact]
    public void KeysFile_GivesEveryBlock_AndOnlyTheCorruptedOneFails()
    {
        var file = KeysFile.Read(Encoding.UTF8.GetBytes(KeyFixtures.Text("KEYS")));

        Assert.Equal([KeyFixtures.Rsa, KeyFixtures.Ed25519, KeyFixtures.Expired, KeyFixtures.SubkeyExpired], file.Keys.Select(k => k.Reading.Key!.Fingerprint));
        Assert.Equal([1, 2, 4, 5], file.Keys.Select(k => k.Block));
        var error = Assert.Single(file.Errors);
        Assert.Equal(3, error.Block);
        Assert.StartsWith("The block is not a readable OpenPGP public key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "No ASCII-armoured public key was found")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI carl@host", "No ASCII-armoured public key was found")]
    public void TextWithoutABlock_IsRefused(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<DomainException>(() => KeysFile.Read(Encoding.UTF8.GetBytes(text))).Message);

    [Fact]
    public void BlockOfGarbage_IsRefusedWithTheReason()
    {
        var block = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n=AAAA\n-----END PGP PUBLIC KEY BLOCK-----";

        var error = Assert.Single(KeysFile.Read(Encoding.UTF8.GetBytes(block)).Errors);

        Assert.Contains("not a readable OpenPGP public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongText_IsRefusedBeforeParsing() =>
        Assert.Contains("at most", Assert.Throws<DomainException>(() => KeysFile.Read(new byte[KeysFile.MaxBytes + 1])).Message,
            StringComparison.Ordinal);

    [Fact]
    public void AStoredKey_IsReadOnce_PerProcess_ByItsArmour()
    {
        var armor = KeyFixtures.Text("rsa4096.asc");

        var first = KeyParser.Stored(armor);
        var again = KeyParser.Stored(new string(armor.AsSpan()));

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.NotSame(first, KeyParser.Stored(KeyFixtures.Text("expired.asc")));
    }

    [Fact]
    public void ReadingAKeysFile_VerifiesNothing_UntilAKeyIsAskedFor()
    {
        var file = KeysFile.Read(Encoding.UTF8.GetBytes(KeyFixtures.Text("KEYS")));

        Assert.All(file.Keys, k => Assert.False(k.Verified));
        Assert.NotNull(file.Keys[1].Reading.Key);
        Assert.Equal([false, true, false, false], file.Keys.Select(k => k.Verified));
    }

    private static ParsedKey Single(string file) =>
        Assert.Single(KeysFile.Read(Encoding.UTF8.GetBytes(KeyFixtures.Text(file))).Keys).Reading.Key!;
}
